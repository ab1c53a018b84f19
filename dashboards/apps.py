from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "dashboards"
    label = "dashboards"
    verbose_name = _("Dashboards")

    def ready(self):
        from django.core.signals import request_finished

        from portal.page_cache import view_served

        from . import pageviews

        # Every page view, answered from the response cache or not.
        view_served.connect(pageviews.record_served_view, dispatch_uid="dashboards_count_page_views")
        # After the response is sent: write buffered views in bulk when due.
        request_finished.connect(pageviews.flush_if_due, dispatch_uid="dashboards_flush_page_views")
