"""Sign-up with a phone number or an e-mail address, verification, sign-in and password reset
(django-allauth under /{lang}/account/, in the site's shell).

Phone verification: no SMS provider is configured, so the code is read from the log, where
accounts.tasks.send_sms writes every text message (see tests/accounts/conftest.py)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import AccountPhone
from trade.models import BoardProfile

from .conftest import PASSWORD, sms_code

pytestmark = pytest.mark.django_db


def test_sign_up_by_email_sends_a_link_that_confirms_the_address(client, site_pages, mailoutbox):
    response = client.post(
        "/en/account/signup/",
        {"email": "Lan@Example.com", "password1": PASSWORD, "password2": PASSWORD, "accept_policies": "on"},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="lan@example.com")
    assert not user.emailaddress_set.get().verified
    assert len(mailoutbox) == 1 and mailoutbox[0].subject.endswith("Confirm your e-mail address")

    link = re.search(r"https?://\S+/en/account/confirm-email/\S+/", mailoutbox[0].body).group(0)
    path = link.split("testserver", 1)[1]
    page = client.get(path)
    assert page.status_code == 200 and "Is lan@example.com your e-mail address?" in page.content.decode()
    assert client.post(path).status_code == 302
    assert user.emailaddress_set.get().verified
    # The board counts the same account as verified: one kind of account.
    assert BoardProfile.objects.get(user=user).email_verified


def test_sign_up_by_phone_is_confirmed_by_a_code_sent_by_text_message(client, site_pages, sms_log):
    response = client.post(
        "/vi/account/signup/",
        {"phone": "0912 345 678", "password1": PASSWORD, "password2": PASSWORD, "accept_policies": "on"},
    )
    assert response.status_code == 302 and response["Location"] == "/vi/account/phone/verify/"
    user = get_user_model().objects.get(account_phone__phone="0912345678")
    assert not AccountPhone.objects.get(user=user).verified

    page = client.get("/vi/account/phone/verify/").content.decode()
    assert "Xác nhận số điện thoại" in page and "0912345678" in page
    assert client.post("/vi/account/phone/verify/", {"code": "000000"}).status_code == 200  # wrong code
    assert not AccountPhone.objects.get(user=user).verified

    response = client.post("/vi/account/phone/verify/", {"code": sms_code(sms_log, "0912345678")})
    assert response.status_code == 302
    assert AccountPhone.objects.get(user=user).verified
    assert BoardProfile.objects.get(user=user).phone_verified
    assert client.get("/vi/account/").status_code == 200  # signed in


def test_sign_up_needs_a_phone_or_an_email(client, site_pages):
    response = client.post(
        "/en/account/signup/", {"password1": PASSWORD, "password2": PASSWORD, "accept_policies": "on"}
    )
    assert response.status_code == 200
    assert "Enter a phone number or an e-mail address." in response.content.decode()
    response = client.post(
        "/vi/account/signup/", {"phone": "12345", "password1": PASSWORD, "password2": PASSWORD, "accept_policies": "on"}
    )
    assert "Nhập số điện thoại Việt Nam" in response.content.decode()
    assert not get_user_model().objects.exists()


def test_sign_in_with_a_phone_number_in_any_spelling_or_an_email(client, shopper):
    AccountPhone.objects.create(user=shopper, phone="0912345678", verified_at=timezone.now())
    for login in ("+84 912 345 678", "lan@example.com"):
        client.logout()
        response = client.post("/en/account/login/", {"login": login, "password": PASSWORD})
        assert response.status_code == 302 and response["Location"] == "/en/account/", login
    client.logout()
    response = client.post("/en/account/login/", {"login": "0912345678", "password": "wrong-password"})
    assert response.status_code == 200 and "not correct" in response.content.decode()


def test_signing_in_with_an_unconfirmed_phone_asks_for_its_code_first(client, shopper, sms_log):
    AccountPhone.objects.create(user=shopper, phone="0912345678")
    response = client.post("/en/account/login/", {"login": "0912345678", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/en/account/phone/verify/"
    client.post("/en/account/phone/verify/", {"code": sms_code(sms_log, "0912345678")})
    assert AccountPhone.objects.get(user=shopper).verified


def test_a_business_signing_in_here_lands_in_its_workspace(client, business_users):
    response = client.post("/vi/account/login/", {"login": "nem-chua-a", "password": "changeme"})
    assert response.status_code == 302 and response["Location"] == "/vi/seller/"


def test_password_reset_by_email(client, shopper, mailoutbox):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=shopper, email=shopper.email, primary=True, verified=True)
    assert client.post("/en/account/password/reset/", {"email": "lan@example.com"}).status_code == 302
    link = re.search(r"https?://testserver(/en/account/password/reset/key/\S+/)", mailoutbox[0].body).group(1)
    form_url = client.get(link)["Location"]  # allauth moves the key into the session first
    new = "another-long-phrase-77"
    response = client.post(form_url, {"password1": new, "password2": new})
    assert response.status_code == 302
    shopper.refresh_from_db()
    assert shopper.check_password(new)


def test_account_pages_are_in_the_site_shell_and_translated(client, site_pages):
    page = client.get("/vi/account/login/").content.decode()
    assert 'class="site-header"' in page
    assert "Đăng nhập" in page and "Quên mật khẩu?" in page
    assert client.get("/vi/account/").status_code == 302  # the account page asks to sign in


def test_the_boards_sign_up_is_the_account_sign_up(client, site_pages):
    response = client.get("/en/trade/sign-up/")
    assert response.status_code == 302 and response["Location"] == "/en/account/signup/"


def test_signing_up_again_with_a_taken_phone_creates_nothing_and_texts_the_owner(client, shopper, sms_log):
    AccountPhone.objects.create(user=shopper, phone="0912345678", verified_at=timezone.now())
    response = client.post(
        "/vi/account/signup/",
        {"phone": "0912 345 678", "password1": PASSWORD, "password2": PASSWORD, "accept_policies": "on"},
    )
    assert response.status_code in (200, 302)
    assert get_user_model().objects.count() == 1
    assert AccountPhone.objects.get().user == shopper
    assert any("0912345678" in r.getMessage() for r in sms_log.records if r.name == "xuthanh.sms")
