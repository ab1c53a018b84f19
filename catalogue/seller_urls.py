"""The catalogue's screens in the seller workspace (mounted by seller/urls.py)."""

from django.urls import path

from . import seller_views

urlpatterns = [
    path("products/", seller_views.product_list, name="seller_products"),
]
