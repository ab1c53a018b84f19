from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import BoardProfile
from .viewsets import BoardViewSetGroup, ModeratorsPermissionPolicy

register_permission_policy(BoardProfile, ModeratorsPermissionPolicy(BoardProfile))


@hooks.register("register_admin_viewset")
def register_board_admin():
    return BoardViewSetGroup()
