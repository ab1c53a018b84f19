"""Favourites: saved in the account, or in the browser and moved into the account on sign-in.
The Save button is the same HTML for everyone (pages come from the response cache)."""

import json

import pytest

from accounts.models import Favourite

pytestmark = pytest.mark.django_db


def sync(client, body):
    state = client.get("/vi/account/favourites/state/").json()
    return client.post(
        "/vi/account/favourites/sync/",
        json.dumps(body),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=state.get("csrf", ""),
    )


def test_the_save_button_is_neutral_on_a_cached_product_page(client, shop, shopper):
    url = shop.product_a.url
    anonymous = client.get(url).content.decode()
    assert f'data-favourite="{shop.product_a.pk}"' in anonymous and 'aria-pressed="false"' in anonymous
    Favourite.objects.create(user=shopper, page=shop.product_a)
    client.force_login(shopper)
    signed_in = client.get(url).content.decode()
    assert 'aria-pressed="false"' in signed_in  # the script marks it, from favourites/state/
    assert client.get("/vi/account/favourites/state/").json()["ids"] == [shop.product_a.pk]


def test_signed_in_toggle_and_list(client, shop, shopper):
    client.force_login(shopper)
    answer = sync(client, {"toggle": shop.product_b.pk}).json()
    assert answer["saved"] is True and answer["ids"] == [shop.product_b.pk]
    page = client.get("/vi/account/favourites/").content.decode()
    assert "Chiếu cói" in page
    assert sync(client, {"toggle": shop.product_b.pk}).json()["ids"] == []


def test_the_browsers_list_moves_into_the_account_on_sign_in(client, shop, shopper):
    Favourite.objects.create(user=shopper, page=shop.product_a)
    client.force_login(shopper)
    answer = sync(client, {"add": [shop.product_a.pk, shop.product_b.pk, 999999, "x"]}).json()
    assert answer["added"] == 1
    assert sorted(answer["ids"]) == sorted([shop.product_a.pk, shop.product_b.pk])
    assert Favourite.objects.filter(user=shopper).count() == 2


def test_signed_out_the_sync_refuses_and_the_plain_button_asks_to_sign_in(client, shop):
    state = client.get("/vi/account/favourites/state/")
    # No CSRF cookie for a signed-out visitor: it would take their later pages out of the response cache.
    assert state.json() == {"signed_in": False, "ids": []} and "csrftoken" not in state.cookies
    assert sync(client, {"add": [shop.product_a.pk]}).status_code == 403
    response = client.get(f"/vi/account/favourites/save/?page={shop.product_a.pk}")
    assert response.status_code == 302 and response["Location"].startswith("/vi/account/login/?next=")


def test_without_javascript_a_signed_in_user_confirms_and_saves(client, shop, shopper):
    client.force_login(shopper)
    page = client.get(f"/vi/account/favourites/save/?page={shop.product_a.pk}").content.decode()
    assert "Lưu vào mục yêu thích" in page
    response = client.post("/vi/account/favourites/save/", {"page": shop.product_a.pk, "next": shop.product_a.url})
    assert response.status_code == 302 and response["Location"] == shop.product_a.url
    assert Favourite.objects.filter(user=shopper, page=shop.product_a).exists()
