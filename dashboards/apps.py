from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "dashboards"
    label = "dashboards"
    verbose_name = _("Dashboards")

    def ready(self):
        from django.core.signals import request_finished

        from portal.registry import register_page_view_listener

        from . import pageviews

        register_page_view_listener(pageviews.record_view)
        # After the response is sent: write buffered views in bulk when due.
        request_finished.connect(pageviews.flush_if_due, dispatch_uid="dashboards_flush_page_views")
