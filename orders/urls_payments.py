"""Payment URLs without a language prefix (Stripe and PayOS call them)."""

from django.urls import path

from .payments import views

app_name = "orders_payments"

urlpatterns = [
    path("payments/stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
    path("payments/transfer/webhook/", views.transfer_webhook, name="transfer_webhook"),
    path("payments/stripe/return/<str:code>/", views.stripe_return, name="stripe_return"),
]
