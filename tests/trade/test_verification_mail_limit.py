"""The "confirm your e-mail" mail is limited per account and per address (issue #24: 30
requests sent 30 mails to whatever address the account had typed)."""

import pytest
from django.test import Client

from .conftest import make_buyer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def limits_on(settings):
    settings.RATELIMIT_ENABLED = True


def ask_for_mail(client):
    return client.post("/en/trade/account/verify/", follow=True)


def test_an_account_gets_three_confirmation_mails_an_hour(client, mailoutbox):
    user = make_buyer("nguoi-mua", email_verified=False)
    client.force_login(user)
    for _ in range(30):
        response = ask_for_mail(client)
    assert len(mailoutbox) == 3
    assert response.status_code == 200
    assert "try again in an hour" in response.content.decode()


def test_many_accounts_cannot_flood_one_address(mailoutbox):
    for i in range(10):
        user = make_buyer(f"nguoi-mua-{i}", email_verified=False)
        user.email = "victim@example.com"
        user.save(update_fields=["email"])
        client = Client()
        client.force_login(user)
        ask_for_mail(client)
    assert len(mailoutbox) == 3
    assert {tuple(m.to) for m in mailoutbox} == {("victim@example.com",)}
