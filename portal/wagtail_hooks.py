from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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
