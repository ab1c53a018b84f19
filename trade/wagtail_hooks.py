from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from catalogue.permissions import ModeratorsPermissionPolicy

from . import services
from .models import BoardPost, BoardProfile
from .viewsets import BoardViewSetGroup

register_permission_policy(BoardProfile, ModeratorsPermissionPolicy(BoardProfile))


@hooks.register("register_admin_viewset")
def register_board_admin():
    return BoardViewSetGroup()


@hooks.register("register_site_nav_item", order=40)
def board_nav_item():
    return {"label": _("Trade board"), "url_name": "trade:board"}


@hooks.register("register_home_section", order=50)
def board_section():
    from .panels import home_section_context

    return {"template": "trade/home_section.html", "get_context": home_section_context}


# A moderator's takedown from the catalogue's report queue (catalogue.takedown) hides a board post.
@hooks.register("take_down_listing")
def take_down_board_post(listing, moderator, reason):
    if not isinstance(listing, BoardPost):
        return False
    services.hide_post(listing, moderator)
    return True


@hooks.register("restore_listing")
def restore_board_post(listing, moderator):
    if not isinstance(listing, BoardPost):
        return False
    services.restore_post(listing, moderator)
    return True
