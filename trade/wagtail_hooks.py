from wagtail import hooks

from .viewsets import ModerationViewSet


@hooks.register("register_admin_viewset")
def register_board_moderation():
    return ModerationViewSet()
