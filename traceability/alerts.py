"""Who decides that a scan alert warns consumers.

The alert rule (traceability.scans.check_alerts) counts distinct addresses scanning one code;
anyone with a few dozen addresses can trip it, so an alert is first the producer's: it shows
in the admin (the home panel and Traceability → Scan alerts), and the trace page warns
consumers only once the producer or a moderator confirms it. Dismissing it closes it.
"""

import logging

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from catalogue.permissions import can_manage_producer

from .models import ScanAlert
from .trace_page import drop_cached_trace_pages

security_log = logging.getLogger("xuthanh.security")


def _decide(alert: ScanAlert, user, *, confirm: bool) -> ScanAlert:
    if not can_manage_producer(user, alert.batch.producer):
        security_log.warning("User %s refused deciding scan alert %s (another business's)", user.pk, alert.pk)
        raise PermissionDenied
    with transaction.atomic():
        alert = ScanAlert.objects.select_for_update().get(pk=alert.pk)
        if confirm:
            alert.confirmed_at, alert.resolved = timezone.now(), False
        else:
            alert.confirmed_at, alert.resolved = None, True
        alert.decided_by = user
        alert.save(update_fields=["confirmed_at", "resolved", "decided_by"])
    drop_cached_trace_pages(alert.batch_id)  # the trace page shows (or drops) the warning at once
    security_log.info("Scan alert %s %s by user %s", alert.pk, "confirmed" if confirm else "dismissed", user.pk)
    return alert


def confirm_alert(alert: ScanAlert, user) -> ScanAlert:
    """The producer or a moderator says the scans look like copied codes: warn consumers."""
    return _decide(alert, user, confirm=True)


def dismiss_alert(alert: ScanAlert, user) -> ScanAlert:
    """Not a counterfeit (a promotion, a tasting, a school visit…): close the alert."""
    return _decide(alert, user, confirm=False)


class AlertDecisionForm(WagtailAdminModelForm):
    """The scan alert's edit page: confirm it, dismiss it, or leave it open."""

    CONFIRM, DISMISS = "confirm", "dismiss"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("", _("Leave open (consumers see nothing)")),
            (CONFIRM, _("Confirm: warn consumers on the trace page that the product may be counterfeit")),
            (DISMISS, _("Dismiss: these scans are not a counterfeit")),
        ],
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = ScanAlert
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        alert = self.instance
        if alert.pk:
            self.initial["decision"] = self.CONFIRM if alert.confirmed_at else self.DISMISS if alert.resolved else ""
