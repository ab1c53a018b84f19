from wagtail import hooks
from wagtail.admin.ui.components import Component

from .models import ScanAlert
from .viewsets import AlertPolicy, TraceabilityGroup, register_policies

register_policies()


@hooks.register("register_admin_viewset")
def register_traceability_admin():
    return TraceabilityGroup()


class ScanAlertsPanel(Component):
    """Open scan alerts of the user's own batches, on the admin home page."""

    name = "traceability_scan_alerts"
    template_name = "traceability/admin/alerts_panel.html"
    order = 90

    def __init__(self, alerts):
        self.alerts = alerts

    def get_context_data(self, parent_context=None):
        return {"alerts": self.alerts}


@hooks.register("construct_homepage_panels")
def add_scan_alerts_panel(request, panels):
    alerts = list(
        AlertPolicy(ScanAlert)
        .instances_user_has_any_permission_for(request.user, ["view"])
        .filter(resolved=False)
        .select_related("batch__product")[:10]
    )
    if alerts:
        panels.append(ScanAlertsPanel(alerts))
