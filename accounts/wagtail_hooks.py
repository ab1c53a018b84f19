from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import DataRequest
from .viewsets import DataRequestPolicy, DataRequestViewSet

register_permission_policy(DataRequest, DataRequestPolicy(DataRequest))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [DataRequestViewSet("accounts_data_request", url_prefix="accounts/data-requests")]
