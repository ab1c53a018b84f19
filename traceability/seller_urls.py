"""Traceability's screens in the seller workspace (mounted by seller/urls.py)."""

from django.urls import path

from . import seller_views

urlpatterns = [
    path("batches/", seller_views.batch_list, name="seller_batches"),
    path("batches/new/", seller_views.batch_new, name="seller_batch_new"),
    path("batches/<int:pk>/", seller_views.batch_detail, name="seller_batch"),
    path("batches/<int:pk>/events/new/", seller_views.event_new, name="seller_event_new"),
    path("batches/<int:pk>/labels-<str:size>.pdf", seller_views.batch_labels, name="seller_batch_labels"),
]
