"""What the workspace itself records: which business used it on which day.

The province's third commerce target counts businesses doing e-commerce through mobile
applications; a business that worked in the installed workspace in the last 90 days is one.
One row per business and day keeps the count cheap and says nothing about what was done.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkspaceDay(models.Model):
    producer = models.ForeignKey(
        "catalogue.ProducerPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("business")
    )
    day = models.DateField(_("day"))

    class Meta:
        verbose_name = _("day in the seller workspace")
        verbose_name_plural = _("days in the seller workspace")
        constraints = [models.UniqueConstraint(fields=["producer", "day"], name="seller_workspace_day_once")]
        indexes = [models.Index(fields=["day"])]

    def __str__(self):
        return f"{self.producer_id} {self.day}"
