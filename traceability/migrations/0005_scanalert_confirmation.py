# Scan alerts are confirmed (the trace page warns consumers) or dismissed by the producer or a
# moderator (issue #24). Written by hand: only these two fields.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("traceability", "0004_epcis_record_and_signed_chain"),
    ]

    operations = [
        migrations.AddField(
            model_name="scanalert",
            name="confirmed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="confirmed at"),
        ),
        migrations.AddField(
            model_name="scanalert",
            name="decided_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="confirmed or dismissed by",
            ),
        ),
    ]
