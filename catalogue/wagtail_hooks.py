from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton

from .admin_views import decide_application
from .models import BusinessApplication, ProducerPage, ProductPage
from .moderation_admin import identity_viewset, report_viewset, takedown_url, takedown_viewset
from .permissions import is_moderator
from .private_files import ReadableDocumentsAdminAPIViewSet, can_read_document, security_log
from .publishing import publish_refusal
from .stock import apply_admin_stock_edits


class ApplicationIndexView(IndexView):
    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if instance.is_pending and self.request.user.has_perm("catalogue.approve_businessapplication"):
            buttons.insert(
                0,
                ListingButton(
                    _("Approve"),
                    url=reverse("catalogue_business_applications:approve", args=[instance.pk]),
                    icon_name="check",
                    priority=5,
                ),
            )
            buttons.insert(
                1,
                ListingButton(
                    _("Reject"),
                    url=reverse("catalogue_business_applications:reject", args=[instance.pk]),
                    icon_name="cross",
                    priority=6,
                ),
            )
        return buttons


class BusinessApplicationViewSet(ModelViewSet):
    model = BusinessApplication
    icon = "group"
    menu_label = _("Business applications")
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "business-applications"
    name = "catalogue_business_applications"
    index_view_class = ApplicationIndexView
    list_display = ["business_name", "business_type", "contact_name", "phone", "status", "submitted_at"]
    list_filter = ["status", "business_type"]
    search_fields = ["business_name", "contact_name", "email", "phone"]
    form_fields = [
        "business_name",
        "business_name_en",
        "business_type",
        "contact_name",
        "email",
        "phone",
        "area",
        "ward_code",
        "address",
        "summary",
    ]
    inspect_view_enabled = True

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("approve/<int:pk>/", decide_application, {"decision": "approve"}, name="approve"),
            path("reject/<int:pk>/", decide_application, {"decision": "reject"}, name="reject"),
        ]


business_application_viewset = BusinessApplicationViewSet()


@hooks.register("register_admin_viewset")
def register_business_applications():
    return business_application_viewset


@hooks.register("register_admin_viewset")
def register_seller_moderation():
    return [identity_viewset, report_viewset, takedown_viewset]


@hooks.register("before_publish_page")
def refuse_publishing_unlicensed_or_taken_down(request, page):
    """The admin's publish stops with a message (the draft is kept); the page's own save refuses too."""
    refusal = publish_refusal(page.specific if hasattr(page, "specific") else page)
    if refusal:
        messages.error(request, refusal)
        return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("register_page_listing_more_buttons")
def take_down_button(page, user, next_url=None):
    if isinstance(page.specific_deferred, ProductPage | ProducerPage) and page.live and is_moderator(user):
        yield PageMenuItem(
            _("Take down"), takedown_url(page.specific_deferred), icon_name="cross", priority=60, page=page
        )


@hooks.register("before_publish_page")  # the form's page; after publishing Wagtail reloads it
@hooks.register("after_edit_page")
def apply_stock_edits(request, page):
    apply_admin_stock_edits(page.specific if hasattr(page, "specific") else page)


@hooks.register("construct_homepage_summary_items", order=1000)  # after Wagtail adds its own
def hide_site_wide_counts_from_businesses(request, summary_items):
    """Wagtail's summary counts pages, images and documents site-wide; a business sees its own
    figures on its dashboard panel instead of totals that include everyone else's."""
    from .permissions import is_moderator

    if not is_moderator(request.user):
        summary_items.clear()


@hooks.register("before_serve_document", order=-1)
def serve_documents_to_their_readers_only(document, request):
    """/documents/<id>/<file>: a business's document for itself and the moderators (a live
    certificate's document for everyone); anyone else gets the same 404 as for no document."""
    if not can_read_document(request.user, document):
        security_log.warning("user %s refused document %s", request.user.pk, document.pk)
        raise Http404


@hooks.register("construct_admin_api", order=100)  # after wagtail.documents registers its own
def list_readable_documents_only(router):
    router.register_endpoint("documents", ReadableDocumentsAdminAPIViewSet)


# The site shell (portal) reads these through wagtail.hooks.get_hooks: it never imports the apps.
@hooks.register("register_site_nav_item", order=90)
def sell_with_us_nav_item():
    return {"label": _("Sell with us"), "url_name": "catalogue:signup"}


@hooks.register("register_home_section", order=20)
def featured_products_section():
    from .home import featured_products_context

    return {"template": "catalogue/home_products.html", "get_context": featured_products_context}
