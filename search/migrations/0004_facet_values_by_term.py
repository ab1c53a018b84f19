"""Facet values as (document, term) only; see 0003. (A migration of its own: PostgreSQL does
not alter a table with the data migration's pending constraint checks in one transaction.)"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_facet_terms"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="searchfacetvalue", name="search_facet_value"),
        migrations.RemoveField(model_name="searchfacetvalue", name="facet"),
        migrations.RemoveField(model_name="searchfacetvalue", name="value"),
        migrations.AlterField(
            model_name="searchfacetvalue",
            name="term",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="search.searchfacetterm",
            ),
        ),
        migrations.AddIndex(
            model_name="searchfacetvalue",
            index=models.Index(fields=["term", "document"], name="search_facet_term_doc"),
        ),
    ]
