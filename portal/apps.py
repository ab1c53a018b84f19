from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Site")

    def ready(self):
        from . import csv_export, renditions, signal_handlers, uploads  # noqa: F401
        from .policies import signal_handlers as policy_signal_handlers  # noqa: F401

        renditions.connect()
        csv_export.install()
        uploads.limit_image_decoding()
