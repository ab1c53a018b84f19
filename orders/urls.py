"""URLs of the orders app (under the language prefix). Names are a contract:
catalogue templates post to `orders:cart_add` with `variant` and `quantity`."""

from django.urls import path

from . import delivery_views, views
from .complaints import views as complaint_views
from .reviews import views as review_views

app_name = "orders"

urlpatterns = [
    path("cart/", views.cart_view, name="cart"),
    path("cart/add/", views.cart_add, name="cart_add"),
    path("cart/token/", views.csrf_token, name="csrf_token"),
    path("cart/update/", views.cart_update, name="cart_update"),
    path("cart/remove/", views.cart_remove, name="cart_remove"),
    path("delivery/", delivery_views.estimate_page, name="delivery_estimate_page"),
    path("delivery/estimate/", delivery_views.estimate_json, name="delivery_estimate"),
    path("checkout/", views.checkout, name="checkout"),
    path("orders/lookup/", views.order_lookup, name="order_lookup"),
    path("orders/<str:code>/", views.order_detail, name="order_detail"),
    path("orders/<str:code>/vietqr.png", views.order_vietqr_png, name="order_vietqr_png"),
    path("account/orders/<str:code>/lines/<int:line_id>/review/", review_views.review_line, name="review_line"),
    path("account/orders/<str:code>/complaint/", complaint_views.open_case, name="complaint"),
    path("account/orders/<str:code>/complaint/<int:pk>/respond/", complaint_views.respond, name="complaint_respond"),
]
