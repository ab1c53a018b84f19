from wagtail import hooks

from .viewsets import TraceabilityGroup, register_policies

register_policies()


@hooks.register("register_admin_viewset")
def register_traceability_admin():
    return TraceabilityGroup()
