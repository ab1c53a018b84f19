"""The orders' screens in the seller workspace (mounted by seller/urls.py)."""

from django.urls import path

from . import delivery_seller_views, seller_views
from .complaints import seller_views as complaint_views
from .reviews import seller_views as review_views

urlpatterns = [
    path("delivery/", delivery_seller_views.delivery_list, name="seller_delivery"),
    path("delivery/new/<str:kind>/", delivery_seller_views.delivery_option_new, name="seller_delivery_new"),
    path("delivery/<int:pk>/", delivery_seller_views.delivery_option_edit, name="seller_delivery_option"),
    path("orders/", seller_views.order_list, name="seller_orders"),
    path("orders/lines/<int:pk>/", seller_views.order_line, name="seller_order_line"),
    path("orders/<str:code>/slip.pdf", seller_views.packing_slip, name="seller_packing_slip"),
    path("reviews/", review_views.review_list, name="seller_reviews"),
    path("reviews/<int:pk>/answer/", review_views.answer, name="seller_review_answer"),
    path("complaints/", complaint_views.case_list, name="seller_complaints"),
    path("complaints/<int:pk>/", complaint_views.case_detail, name="seller_complaint"),
]
