import pytest
from django.core.cache import cache

from portal.ratelimit import hit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def limits_on(settings):
    settings.RATELIMIT_ENABLED = True
    cache.clear()
    yield
    cache.clear()


def test_hits_past_the_limit_are_refused_per_identity():
    assert all(hit("t", "a", 3, 60) for _ in range(3))
    assert not hit("t", "a", 3, 60)
    assert hit("t", "b", 3, 60)


@pytest.mark.parametrize(
    ("path", "limit"),
    [("/vi/checkout/", 30), ("/vi/ban-hang/dang-ky/", 10), ("/vi/account/signup/", 10)],
)
def test_form_floods_get_429(client, site_pages, path, limit):
    statuses = [client.post(path, {}).status_code for _ in range(limit + 1)]
    assert 429 not in statuses[:limit]
    assert statuses[-1] == 429
    assert "Quá nhiều" in client.post(path, {}).content.decode()


def test_a_forged_forwarded_for_header_does_not_change_the_client(rf, settings):
    from portal.ratelimit import client_ip

    request = rf.get("/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1")
    settings.USE_X_FORWARDED_FOR = False
    assert client_ip(request) == "203.0.113.7"
    settings.USE_X_FORWARDED_FOR = True
    assert client_ip(request) == "198.51.100.1"


def test_only_the_forwarded_for_entry_our_proxy_appends_is_trusted(rf, settings):
    """Issue #24: the left-most entry is whatever the client sent; our proxy appends the
    address it saw on the right, so one host could pose as 52 by writing the left part."""
    from portal.ratelimit import client_ip

    settings.USE_X_FORWARDED_FOR = True
    addresses = {
        client_ip(rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}, 203.0.113.7"))
        for i in range(52)
    }
    assert addresses == {"203.0.113.7"}
