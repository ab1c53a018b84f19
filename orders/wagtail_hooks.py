from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from catalogue.permissions import ModeratorsPermissionPolicy

from . import admin_views
from .complaints import admin_views as complaint_admin
from .models import Order, OrderLine, Review, TransferNotification
from .reviews.services import add_reviews_to_json_ld
from .reviews.viewsets import ReviewViewSet
from .viewsets import (
    OrderLinePolicy,
    OrderLineViewSet,
    OrderPolicy,
    OrderViewSet,
    ShippingRateViewSet,
    TransferNotificationPolicy,
    TransferNotificationViewSet,
)

register_permission_policy(OrderLine, OrderLinePolicy(OrderLine))
register_permission_policy(Order, OrderPolicy(Order))
register_permission_policy(TransferNotification, TransferNotificationPolicy(TransferNotification))
register_permission_policy(Review, ModeratorsPermissionPolicy(Review))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [
        OrderLineViewSet("orders_line", url_prefix="orders/lines"),
        OrderViewSet("orders_order", url_prefix="orders/all"),
        ShippingRateViewSet("orders_shipping", url_prefix="orders/shipping-rates"),
        TransferNotificationViewSet("orders_transfers", url_prefix="orders/transfers"),
        ReviewViewSet("orders_review", url_prefix="orders/reviews"),
    ]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("orders/<int:pk>/mark-paid/", admin_views.mark_order_paid, name="orders_mark_paid"),
        path("orders/<int:pk>/cancel/", admin_views.cancel_whole_order, name="orders_cancel"),
        path("orders/<int:pk>/refund/", admin_views.refund_order, name="orders_refund"),
        path("complaints/", complaint_admin.case_queue, name="orders_complaints"),
        path("complaints/<int:pk>/", complaint_admin.case_detail, name="orders_complaint"),
        path("complaints/<int:pk>/paid/", complaint_admin.mark_paid, name="orders_complaint_paid"),
    ]


@hooks.register("register_admin_menu_item")
def complaints_menu_item():
    return complaint_admin.ComplaintsMenuItem(
        _("Complaints"), reverse("orders_complaints"), icon_name="warning", order=265
    )


# A product's JSON-LD (catalogue.models.ProductPage.get_json_ld) gets its rating and reviews.
hooks.register("extend_product_json_ld", add_reviews_to_json_ld)


@hooks.register("register_site_nav_item", order=900)
def cart_nav_item():
    return {"label": _("Cart"), "url_name": "orders:cart"}
