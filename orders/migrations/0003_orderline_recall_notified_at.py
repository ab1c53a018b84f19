from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0002_line_translations"),
    ]

    operations = [
        migrations.AddField(
            model_name="orderline",
            name="recall_notified_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="buyer told of the recall"),
        ),
    ]
