"""URLs of the board, included at /<lang>/trade/."""

from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "trade"
urlpatterns = [
    path("", views.board, name="board"),
    path("offers/<int:pk>/", views.post_detail, {"kind": "offer"}, name="offer_detail"),
    path("requests/<int:pk>/", views.post_detail, {"kind": "request"}, name="request_detail"),
    path("offers/new/", views.post_create, {"kind": "offer"}, name="offer_create"),
    path("requests/new/", views.post_create, {"kind": "request"}, name="request_create"),
    path("offers/<int:pk>/edit/", views.post_edit, {"kind": "offer"}, name="offer_edit"),
    path("requests/<int:pk>/edit/", views.post_edit, {"kind": "request"}, name="request_edit"),
    path("offers/<int:pk>/close/", views.post_close, {"kind": "offer"}, name="offer_close"),
    path("requests/<int:pk>/close/", views.post_close, {"kind": "request"}, name="request_close"),
    path("offers/<int:pk>/inquire/", views.inquiry_create, {"kind": "offer"}, name="offer_inquire"),
    path("requests/<int:pk>/inquire/", views.inquiry_create, {"kind": "request"}, name="request_inquire"),
    path("mine/", views.my_posts, name="my_posts"),
    path("inquiries/", views.inquiries, name="inquiries"),
    path("inquiries/<int:pk>/", views.inquiry_detail, name="inquiry_detail"),
    path("account/", views.account, name="account"),
    path("account/verify/", views.send_verification, name="send_verification"),
    path("account/verify/<str:token>/", views.verify_email, name="verify_email"),
    # The board's buyers and shoppers have one kind of account (accounts/): sign up there.
    path("sign-up/", RedirectView.as_view(pattern_name="account_signup", query_string=True), name="sign_up"),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            template_name="trade/sign_in.html", redirect_authenticated_user=True, next_page="trade:my_posts"
        ),
        name="sign_in",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(next_page="trade:board"), name="sign_out"),
]
