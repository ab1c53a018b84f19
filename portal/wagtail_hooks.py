from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_csp import render_choosers_without_inline_scripts
from .models import Area


class AreaViewSet(SnippetViewSet):
    model = Area
    icon = "site"
    menu_label = _("Areas")
    list_display = ["name", "region", "latitude", "longitude"]
    list_filter = ["region", "locale"]
    search_fields = ["name"]
    add_to_admin_menu = False


register_snippet(AreaViewSet)


render_choosers_without_inline_scripts()


@hooks.register("insert_global_admin_js")
def start_panels_without_inline_scripts():
    """Starts what Wagtail starts from inline scripts, which the admin's CSP refuses (portal/csp.py)."""
    return format_html('<script src="{}"></script>', static("portal/admin-init.js"))
