"""The board's screens in the seller workspace (mounted by seller/urls.py)."""

from django.urls import path

from . import seller_views

urlpatterns = [
    path("board/", seller_views.board, name="seller_board"),
    path("board/inquiries/<int:pk>/", seller_views.inquiry, name="seller_inquiry"),
]
