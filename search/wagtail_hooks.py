from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_site_nav_item", order=80)
def search_nav_item():
    return {"label": _("Search"), "url_name": "search:search"}
