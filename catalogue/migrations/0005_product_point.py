"""Each product's point (its own coordinates, else its producer's), indexed for "nearby";
coordinate indexes on producers; the index the home page's featured products read along."""

from django.db import migrations, models
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce


def fill_points(apps, schema_editor):
    ProductPage = apps.get_model("catalogue", "ProductPage")
    ProducerPage = apps.get_model("catalogue", "ProducerPage")
    own = Q(latitude__isnull=False, longitude__isnull=False)
    ProductPage.objects.filter(own).update(point_latitude=F("latitude"), point_longitude=F("longitude"))
    producer = ProducerPage.objects.filter(pk=OuterRef("producer_id"), latitude__isnull=False, longitude__isnull=False)
    ProductPage.objects.exclude(own).update(
        point_latitude=Subquery(producer.values("latitude")[:1]),
        point_longitude=Subquery(producer.values("longitude")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0004_fragment_versions"),
    ]

    operations = [
        migrations.AddField(
            model_name="productpage",
            name="point_latitude",
            field=models.FloatField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="productpage",
            name="point_longitude",
            field=models.FloatField(editable=False, null=True),
        ),
        migrations.RunPython(fill_points, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="producerpage",
            index=models.Index(fields=["latitude", "longitude"], name="producer_point_idx"),
        ),
        migrations.AddIndex(
            model_name="productpage",
            index=models.Index(fields=["point_latitude", "point_longitude"], name="product_point_idx"),
        ),
        migrations.AddIndex(
            model_name="productpage",
            index=models.Index(
                models.OrderBy(Coalesce(models.F("ocop_stars"), 0), descending=True),
                models.OrderBy(models.F("page_ptr"), descending=True),
                condition=models.Q(("in_stock", True)),
                name="product_featured_idx",
            ),
        ),
    ]
