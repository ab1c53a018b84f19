from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TourismConfig(AppConfig):
    name = "tourism"
    label = "tourism"
    verbose_name = _("Tourism")

    def ready(self):
        from portal.registry import (
            HomeSection,
            NavItem,
            PagePanel,
            register_home_section,
            register_nav_item,
            register_page_panel,
        )

        from .panels import home_section_context, render_nearby

        register_nav_item(NavItem(_("Map"), "tourism:map", 60))
        register_home_section(HomeSection("tourism/home_section.html", home_section_context, 40))
        register_page_panel(PagePanel(render_nearby, 50))
