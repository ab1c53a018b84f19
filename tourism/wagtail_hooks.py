from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .home import home_section_context
from .onboarding import onboard_tourism_business
from .panels import render_nearby

hooks.register("register_page_panel", render_nearby, order=50)


@hooks.register("register_site_nav_item", order=60)
def map_nav_item():
    return {"label": _("Map"), "url_name": "tourism:map"}


@hooks.register("register_home_section", order=40)
def tourism_section():
    return {"template": "tourism/home_section.html", "get_context": home_section_context}


@hooks.register("register_site_nav_item", order=61)
def trip_nav_item():
    return {"label": _("My trip"), "url_name": "tourism:trip"}


# catalogue.onboarding hands tourism applications here (catalogue never imports tourism).
hooks.register("onboard_tourism_business", onboard_tourism_business)
