"""History and usage pages of batches, locations and EPCIS tokens open only for their business."""

import pytest

from tests.traceability.test_admin import owner, stranger  # noqa: F401 — fixtures

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_shop")]


@pytest.fixture
def token(shop):
    from traceability.models import CaptureToken

    token = CaptureToken(producer=shop.producer, name="Dây chuyền đóng gói")
    token.set_new_token()
    token.save()
    return token


def _urls(shop, token):
    return {
        "batch": ("batches", shop.batch.pk),
        "location": ("locations", shop.farm.pk),
        "token": ("epcis_tokens", token.pk),
    }


@pytest.mark.parametrize("kind", ["batch", "location", "token"])
@pytest.mark.parametrize("view", ["history", "usage"])
def test_another_business_gets_404_on_history_and_usage(client, stranger, shop, token, kind, view):  # noqa: F811
    prefix, pk = _urls(shop, token)[kind]
    client.force_login(stranger)
    # (A 404 under /admin/ is redirected by LocaleMiddleware to /vi/admin/…, itself a 404.)
    response = client.get(f"/admin/{prefix}/{view}/{pk}/", follow=True)
    assert response.status_code == 404
    for secret in (shop.batch.lot_number, shop.farm.name, "Dây chuyền đóng gói"):
        assert secret not in response.content.decode()


@pytest.mark.parametrize("kind", ["batch", "location", "token"])
@pytest.mark.parametrize("view", ["history", "usage"])
def test_owner_opens_history_and_usage(client, owner, shop, token, kind, view):  # noqa: F811
    prefix, pk = _urls(shop, token)[kind]
    client.force_login(owner)
    assert client.get(f"/admin/{prefix}/{view}/{pk}/").status_code == 200
