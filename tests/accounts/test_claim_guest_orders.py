"""An order placed without an account joins the account whose phone is verified and is the order's
phone: at verification (sign-up or later), never on an unverified number."""

import pytest
from django.contrib.auth import get_user_model

from accounts import services
from accounts.models import AccountPhone

from .conftest import PASSWORD, place, sms_code

pytestmark = pytest.mark.django_db


def test_sign_up_with_the_orders_phone_claims_it_once_the_code_comes_back(client, shop, sms_log):
    guest_order = place(client, shop, phone="0912 345 678")
    other_phone = place(client, shop, phone="0987 654 321")
    assert guest_order.user is None
    client.cookies.clear()

    client.post(
        "/vi/account/signup/",
        {"phone": "+84912345678", "password1": PASSWORD, "password2": PASSWORD, "accept_policies": "on"},
    )
    user = get_user_model().objects.get(account_phone__phone="0912345678")
    guest_order.refresh_from_db()
    assert guest_order.user is None  # typed, not yet verified: anyone can type any number

    client.post("/vi/account/phone/verify/", {"code": sms_code(sms_log, "0912345678")})
    guest_order.refresh_from_db()
    other_phone.refresh_from_db()
    assert guest_order.user == user and other_phone.user is None
    assert guest_order.code in client.get("/vi/account/").content.decode()


def test_an_unverified_phone_claims_nothing_and_another_accounts_order_stays_there(client, shop, shopper):
    stranger = get_user_model().objects.create_user("minh", "minh@example.com", PASSWORD)
    client.force_login(stranger)
    strangers_order = place(client, shop, phone="0912345678")
    client.logout()
    guest_order = place(client, shop, phone="0912345678")

    AccountPhone.objects.create(user=shopper, phone="0912345678")
    assert services.claim_guest_orders(shopper) == 0
    services.mark_phone_verified(shopper, "0912 345 678")
    guest_order.refresh_from_db()
    strangers_order.refresh_from_db()
    assert guest_order.user == shopper
    assert strangers_order.user == stranger
