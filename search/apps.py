from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        from portal.registry import NavItem, register_nav_item

        from . import signal_handlers

        signal_handlers.connect()
        register_nav_item(NavItem(_("Search"), "search:search", order=80))
