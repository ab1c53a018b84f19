from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TradeConfig(AppConfig):
    name = "trade"
    label = "trade"
    verbose_name = _("Supply and demand")

    def ready(self):
        from portal.registry import NavItem, register_nav_item

        register_nav_item(NavItem(_("Trade board"), "trade:board", 40))
