"""The dashboards' screen in the seller workspace (mounted by seller/urls.py)."""

from django.urls import path

from . import seller_views

urlpatterns = [
    path("figures/", seller_views.figures, name="seller_figures"),
]
