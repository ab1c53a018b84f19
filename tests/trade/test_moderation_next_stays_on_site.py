"""The moderation action's `next` redirects only within the site."""

import pytest

from trade.models import Status

from .conftest import make_offer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/admin/", "/\\evil.example", "javascript:alert(1)"]
)
def test_moderation_next_off_site_goes_to_the_moderation_list(client, business, moderator, target):
    offer = make_offer(business[0], status=Status.PENDING)
    client.force_login(moderator)
    response = client.post(f"/admin/trade/moderation/offer/{offer.pk}/approve/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/admin/trade/moderation/"
    offer.refresh_from_db()
    assert offer.status == Status.OPEN


def test_moderation_next_on_site_is_followed(client, business, moderator):
    offer = make_offer(business[0], status=Status.PENDING)
    client.force_login(moderator)
    response = client.post(
        f"/admin/trade/moderation/offer/{offer.pk}/hide/", {"next": "/admin/trade/moderation/?show=open"}
    )
    assert response["Location"] == "/admin/trade/moderation/?show=open"
