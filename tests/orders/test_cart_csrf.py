"""Adding to the cart is protected by CSRF, and works from a product page the response cache
served (which carries no token): with the page's script, and without JavaScript."""

import re

import pytest
from django.test import Client

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_order_shop")]


@pytest.fixture
def browser():
    """A client that checks CSRF as a real browser's requests are checked."""
    return Client(enforce_csrf_checks=True)


def _cart(client) -> dict:
    return client.session.get("cart", {}) if client.session else {}


def test_a_post_without_a_token_is_refused_and_adds_nothing(browser, shop):
    response = browser.post("/vi/cart/add/", {"variant": shop.variant_a.pk, "quantity": 1})
    assert response.status_code == 403
    assert _cart(browser) == {}


def _product_form(html: str) -> dict:
    form = re.search(r'<form method="get" action="([^"]+)" class="add-to-cart" data-csrf-token-url="([^"]+)">', html)
    assert form, f"the product page has no add-to-cart form:\n{html}"
    return {"action": form.group(1), "token_url": form.group(2)}


def test_the_script_flow_works_from_a_cached_product_page(browser, shop):
    url = shop.product_a.url
    assert browser.get(url)["X-Page-Cache"] == "miss"
    cached = browser.get(url)
    assert cached["X-Page-Cache"] == "hit"
    html = cached.content.decode()
    assert "csrfmiddlewaretoken" not in html  # the same page for every visitor
    form = _product_form(html)
    assert 'src="/static/orders/cart-add.js"' in html
    # What orders/cart-add.js does: fetch a token (never cached, sets the cookie), post with it.
    answer = browser.get(form["token_url"])
    assert "no-cache" in answer["Cache-Control"]
    token = answer.json()["token"]
    response = browser.post(
        form["action"], {"variant": shop.variant_a.pk, "quantity": 2, "next": url, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302 and response["Location"] == url
    assert _cart(browser) == {str(shop.variant_a.pk): 2}


def test_without_javascript_the_form_asks_to_confirm_with_a_token(browser, shop):
    url = shop.product_a.url
    form = _product_form(browser.get(url).content.decode())
    confirm = browser.get(form["action"], {"variant": shop.variant_a.pk, "quantity": 3, "next": url})
    assert confirm.status_code == 200
    assert "no-cache" in confirm["Cache-Control"]
    assert _cart(browser) == {}  # a GET adds nothing
    html = confirm.content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert 'name="quantity" id="id_quantity" value="3"' in html
    response = browser.post(
        form["action"], {"variant": shop.variant_a.pk, "quantity": 3, "next": url, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302 and response["Location"] == url
    assert _cart(browser) == {str(shop.variant_a.pk): 3}


def test_the_confirmation_refuses_a_foreign_next_address(browser, shop):
    confirm = browser.get("/vi/cart/add/", {"variant": shop.variant_a.pk, "next": "https://evil.example/"})
    assert confirm.status_code == 200
    assert '<input type="hidden" name="next" value="">' in confirm.content.decode()


def test_the_payment_webhook_stays_exempt(browser):
    """Stripe cannot send a CSRF token: the webhook is verified by its signature instead."""
    response = browser.post("/payments/stripe/webhook/", data="{}", content_type="application/json")
    assert response.status_code == 400  # no signature: refused by the view, not by CSRF (403)
