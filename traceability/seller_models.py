"""What the seller workspace adds to traceability's data: the idempotency key of each event sent from its form."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class EventSubmission(models.Model):
    """One event form as rendered (its hidden key) and the event it stored.

    The workspace's offline outbox may send the same form again after a dropped
    connection; the key's unique index makes the second send find the first event.
    """

    key = models.CharField(max_length=64, unique=True)
    batch = models.ForeignKey("traceability.Batch", on_delete=models.CASCADE, related_name="+")
    event = models.OneToOneField("traceability.TraceEvent", on_delete=models.CASCADE, related_name="submission")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "traceability"

    def __str__(self):
        return f"{self.key} → event {self.event_id}"
