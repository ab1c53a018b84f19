"""Public views of the catalogue (included at the language root: /vi/…, /en/…)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "catalogue"
urlpatterns = [
    path(_("sell/sign-up/"), views.business_signup, name="signup"),
    path(_("sell/sign-up/thanks/"), views.business_signup_thanks, name="signup_thanks"),
    path("report/<str:kind>/<int:pk>/", views.report_listing, name="report"),
]
