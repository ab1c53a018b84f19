from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TradeConfig(AppConfig):
    name = "trade"
    label = "trade"
    verbose_name = _("Supply and demand")

    def ready(self):
        from portal.registry import HomeSection, NavItem, register_home_section, register_nav_item

        from .panels import home_section_context

        register_nav_item(NavItem(_("Trade board"), "trade:board", 40))
        register_home_section(HomeSection("trade/home_section.html", home_section_context, 50))
