from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TraceabilityConfig(AppConfig):
    name = "traceability"
    label = "traceability"
    verbose_name = _("Traceability")

    def ready(self):
        from django.core.signals import request_finished

        from . import scans, signal_handlers  # noqa: F401 (connects the receivers)

        # After the response is sent: write buffered scans in bulk when due.
        request_finished.connect(scans.flush_if_due, dispatch_uid="traceability_flush_scans")
