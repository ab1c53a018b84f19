from wagtail import hooks
from wagtail.permissions import register_permission_policy

from catalogue.permissions import ModeratorsPermissionPolicy

from .models import DataRequest
from .viewsets import DataRequestViewSet

register_permission_policy(DataRequest, ModeratorsPermissionPolicy(DataRequest))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [DataRequestViewSet("accounts_data_request", url_prefix="accounts/data-requests")]
