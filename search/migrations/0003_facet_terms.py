"""Facet values counted by integer terms: SearchFacetTerm numbers each (facet, key) pair and
SearchFacetValue becomes (document, term). Values already indexed keep their (old, label)
keys through the move; `manage.py search_index --rebuild` replaces them with stable keys."""

import django.db.models.deletion
from django.db import migrations, models


def number_existing_values(apps, schema_editor):
    Term = apps.get_model("search", "SearchFacetTerm")
    Value = apps.get_model("search", "SearchFacetValue")
    db = schema_editor.connection.alias
    pairs = set(Value.objects.using(db).values_list("facet", "value").distinct())
    Term.objects.using(db).bulk_create([Term(facet=f, value=v) for f, v in pairs], ignore_conflicts=True)
    for term in Term.objects.using(db).all():
        Value.objects.using(db).filter(facet=term.facet, value=term.value).update(term=term)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_postgres_folding"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchFacetTerm",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("facet", models.CharField(max_length=30)),
                ("value", models.CharField(max_length=200)),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("facet", "value"), name="search_facet_term_unique")],
            },
        ),
        migrations.AddField(
            model_name="searchfacetvalue",
            name="term",
            field=models.ForeignKey(
                null=True,
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="search.searchfacetterm",
            ),
        ),
        migrations.RunPython(number_existing_values, migrations.RunPython.noop),
    ]
