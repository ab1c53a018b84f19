"""The catalogue's screens in the seller workspace (mounted by seller/urls.py)."""

from django.urls import path

from . import identity_views, seller_views

urlpatterns = [
    path("products/", seller_views.product_list, name="seller_products"),
    path("products/new/", seller_views.product_form, name="seller_product_new"),
    path("products/<int:pk>/", seller_views.product_form, name="seller_product_edit"),
    path("products/packs/<int:variant_id>/stock/", seller_views.pack_stock, name="seller_pack_stock"),
    path("identity/", identity_views.identity_screen, name="seller_identity"),
    path("identity/licences/<int:pk>/scan/", identity_views.licence_scan, name="seller_licence_scan"),
]
