"""The home page's board section is a shared fragment: a new or closed post shows at once."""

import pytest

from trade.models import Status

from .conftest import make_offer

pytestmark = pytest.mark.django_db


def test_a_new_and_a_closed_offer_show_on_the_home_page_at_once(client, settings, business):
    settings.FRAGMENT_CACHE_SECONDS = 600
    owner, _producer = business
    make_offer(owner, title="Bưởi đầu mùa")
    assert "Bưởi đầu mùa" in client.get("/vi/").content.decode()
    offer = make_offer(owner, title="Gạo nếp cái hoa vàng")
    assert "Gạo nếp cái hoa vàng" in client.get("/vi/").content.decode()
    offer.status = Status.CLOSED
    offer.save()
    assert "Gạo nếp cái hoa vàng" not in client.get("/vi/").content.decode()
