"""Sign-in lockout per (sign-in name, address) pair (issue #24): business sign-in names are
their public slugs, so a lock on the name alone let anyone lock any business out for an hour."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def business(settings, django_user_model):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    return django_user_model.objects.create_user("nem-chua-vi-thanh", password="right-password-123", is_staff=True)


def sign_in(password, address, **extra):
    client = Client(REMOTE_ADDR=address, **extra)
    return client, client.post("/admin/login/", {"username": "nem-chua-vi-thanh", "password": password})


def test_wrong_passwords_from_another_address_do_not_lock_the_business_out(business):
    for _ in range(6):
        sign_in("wrong", "203.0.113.66")
    client, response = sign_in("right-password-123", "198.51.100.20")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(business.pk)


def test_the_attacking_address_is_locked_for_that_name(business):
    for _ in range(5):
        sign_in("wrong", "203.0.113.66")
    client, response = sign_in("right-password-123", "203.0.113.66")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_forged_forwarded_for_entry_does_not_dodge_the_lock(business, settings):
    settings.USE_X_FORWARDED_FOR = True
    for i in range(5):
        # The client writes any address it likes on the left; our proxy appends the real one.
        sign_in("wrong", "127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}, 203.0.113.66")
    client, response = sign_in("right-password-123", "127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.66")
    assert response.status_code == 429


def test_a_session_made_by_a_script_signs_in_with_the_lockout_on(business):
    """`make bench` signs its admin in with force_login, whose request has no address."""
    client = Client()
    client.force_login(business)
    assert client.session["_auth_user_id"] == str(business.pk)
