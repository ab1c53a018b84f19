"""The account's URLs, included at /<lang>/account/: our pages (namespace `accounts`) and allauth's
(sign-up, sign-in, verification, password reset: names `account_*`, as allauth reverses them)."""

from allauth.account import views as allauth_views
from django.urls import include, path

from portal.ratelimit import rate_limited

from . import data_views, views

account_patterns = [
    path("", views.home, name="home"),
    path("orders/<str:code>/", views.order_detail, name="order_detail"),
    path("addresses/", views.addresses, name="addresses"),
    path("addresses/new/", views.address_edit, name="address_new"),
    path("addresses/<int:pk>/edit/", views.address_edit, name="address_edit"),
    path("addresses/<int:pk>/delete/", views.address_delete, name="address_delete"),
    path("favourites/", views.favourites, name="favourites"),
    path("favourites/save/", views.favourite_save, name="favourite_save"),
    path("favourites/state/", views.favourites_state, name="favourites_state"),
    path("favourites/sync/", views.favourites_sync, name="favourites_sync"),
    path("data/", data_views.data_page, name="data"),
    path("data/download/", data_views.data_download, name="data_download"),
    path("data/consents/withdraw/", data_views.consent_withdraw, name="consent_withdraw"),
    path("data/consents/give/", data_views.consent_give, name="consent_give"),
    path("data/delete/code/", data_views.delete_code, name="data_delete_code"),
    path("data/delete/", data_views.delete, name="data_delete"),
    path("data/deleted/", data_views.deleted, name="data_deleted"),
]

urlpatterns = [
    path("", include((account_patterns, "accounts"))),
    # allauth's sign-up under the site's own limit on sign-up floods (as the board's was), before allauth's urls.
    path(
        "signup/",
        rate_limited("account_signup", limit=10, window_seconds=3600)(allauth_views.signup),
        name="account_signup",
    ),
    path("", include("allauth.urls")),
]
