from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import access
from .panels import BusinessHomePanel, ProvinceHomePanel


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("", include("dashboards.admin_urls"))]


class ProvinceDashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_view_province(request.user)


class BusinessDashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_view_province(request.user) or bool(access.own_producers(request.user))


@hooks.register("register_admin_menu_item")
def register_province_menu_item():
    return ProvinceDashboardMenuItem(
        _("Province dashboard"), reverse("dashboards_province"), icon_name="site", order=150
    )


@hooks.register("register_admin_menu_item")
def register_business_menu_item():
    return BusinessDashboardMenuItem(
        _("My business dashboard"), reverse("dashboards_business"), icon_name="pick", order=151
    )


@hooks.register("insert_global_admin_css")
def dashboards_css():
    # Global so that the home-page panels are styled as well as the dashboards.
    return format_html('<link rel="stylesheet" href="{}">', static("dashboards/dashboards.css"))


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    if access.can_view_province(request.user):
        panels.append(ProvinceHomePanel())
        return
    producers = access.own_producers(request.user)
    if producers:
        panels.append(BusinessHomePanel(producers[0]))
