"""The tourism screens of the seller workspace (mounted by seller/urls.py)."""

from django.urls import path

from . import seller_views

urlpatterns = [
    path("listing/", seller_views.listing_form, name="seller_listing"),
    path("listing/offers/", seller_views.offers_form, name="seller_listing_offers"),
]
