"""Coordinate indexes for "nearby" on attractions and places; the featured attractions' index."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("tourism", "0002_attraction_is_featured"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="attractionpage",
            index=models.Index(fields=["latitude", "longitude"], name="attraction_point_idx"),
        ),
        migrations.AddIndex(
            model_name="attractionpage",
            index=models.Index(
                condition=models.Q(("is_featured", True)), fields=["is_featured"], name="attraction_featured_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="placepage",
            index=models.Index(fields=["latitude", "longitude"], name="place_point_idx"),
        ),
    ]
