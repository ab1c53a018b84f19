"""Cart, checkout, order page and e-mail show products in the shopper's language; the
order line keeps the Vietnamese title as the record the business fulfils from."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale

from orders.emails import deliver_order_confirmation
from orders.localisation import localise_order_lines
from orders.models import Order, OrderLine

from .conftest import checkout_data

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_order_shop")]

EN = {"nem": "Thanh Hoa fermented pork roll", "chieu": "Nga Son sedge mat"}


def _translate(page, title):
    en = page.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    en.title = title
    en.save_revision().publish()
    return en


@pytest.fixture
def english_shop(shop):
    """The shop with its producers and products translated into English (variants have English names)."""
    _translate(shop.producer_a, "Nem Chua A Household")
    _translate(shop.producer_b, "Sedge Mat B Household")
    _translate(shop.product_a, EN["nem"])
    _translate(shop.product_b, EN["chieu"])
    shop.variant_a.name_en = "500 g pack"
    shop.variant_a.save()
    shop.variant_b.name_en = "Double mat"
    shop.variant_b.save()
    return shop


def add(client, variant, quantity=1, language="en"):
    return client.post(f"/{language}/cart/add/", {"variant": variant.pk, "quantity": quantity}, HTTP_REFERER="/")


def place(client, language="en", **overrides):
    response = client.post(f"/{language}/checkout/", checkout_data(client, **overrides))
    assert response.status_code == 302, response.content.decode()[:500]
    return Order.objects.get(code=response["Location"].rstrip("/").rsplit("/", 1)[-1])


def test_english_shopper_sees_english_titles_in_cart_checkout_and_order_page(client, english_shop):
    shop = english_shop
    add(client, shop.variant_a, 2)
    add(client, shop.variant_b)

    cart = client.get("/en/cart/").content.decode()
    assert f"{EN['nem']} — 500 g pack" in cart and f"{EN['chieu']} — Double mat" in cart
    assert "Nem Chua A Household" in cart and "Sedge Mat B Household" in cart
    assert "Nem chua —" not in cart and "Chiếu cói —" not in cart and "HTX" not in cart

    checkout = client.get("/en/checkout/").content.decode()
    assert f"{EN['nem']} — 500 g pack × 2" in checkout and "Nem chua —" not in checkout

    order = place(client, "en")
    page = client.get(f"/en/orders/{order.code}/").content.decode()
    assert f"{EN['nem']} — 500 g pack" in page and f"{EN['chieu']} — Double mat" in page
    assert "Nem Chua A Household" in page
    assert "Nem chua —" not in page and "Chiếu cói —" not in page

    # The same order read in Vietnamese, and the record kept for the business's fulfilment.
    page_vi = client.get(f"/vi/orders/{order.code}/").content.decode()
    assert "Nem chua — Gói 500 g" in page_vi and EN["nem"] not in page_vi
    assert set(order.lines.values_list("product_title", flat=True)) == {"Nem chua", "Chiếu cói"}
    assert set(order.lines.values_list("variant_name", flat=True)) == {"Gói 500 g", "Chiếu đôi"}


def test_cart_message_names_the_item_in_the_shoppers_language(client, english_shop):
    response = add(client, english_shop.variant_a, 1)
    shown = [str(m) for m in response.wsgi_request._messages]
    assert shown == [f"Added {EN['nem']} — 500 g pack to your cart."]


def test_product_without_translation_falls_back_to_the_stored_title(client, shop):
    add(client, shop.variant_a)
    assert "Nem chua — Gói 500 g" in client.get("/en/cart/").content.decode()
    order = place(client, "en")
    assert "Nem chua — Gói 500 g" in client.get(f"/en/orders/{order.code}/").content.decode()


def test_order_keeps_showing_the_english_title_after_the_variant_is_deleted(client, english_shop):
    add(client, english_shop.variant_a)
    order = place(client, "en")
    english_shop.variant_a.delete()
    line = order.lines.get()
    assert line.variant_id is None
    page = client.get(f"/en/orders/{order.code}/").content.decode()
    assert f"{EN['nem']} — 500 g pack" in page


def test_titles_are_looked_up_in_one_query_whatever_the_number_of_lines(client, english_shop):
    shop = english_shop
    add(client, shop.variant_a)
    small = place(client, "en")
    add(client, shop.variant_a)
    add(client, shop.variant_b)
    add(client, shop.last_unit)
    large = place(client, "en")
    assert large.lines.count() == 3

    counts = []
    client.get(f"/en/orders/{small.code}/")  # the process-wide caches (locales) are warm in any running site
    for order in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/en/orders/{order.code}/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]

    lines = list(OrderLine.objects.filter(order=large).select_related("producer"))
    with translation.override("en"), CaptureQueriesContext(connection) as queries:
        titles = {line.display_title for line in localise_order_lines(lines)}
    assert len(queries) == 1
    assert titles == {EN["nem"], EN["chieu"]}


def test_confirmation_goes_out_in_the_language_the_order_was_placed_in(
    client, english_shop, django_capture_on_commit_callbacks
):
    add(client, english_shop.variant_a, 2)
    with django_capture_on_commit_callbacks(execute=True):
        order_en = place(client, "en")
    assert order_en.language == "en"
    body = mail.outbox[-1].body
    assert "Thank you for your order" in body
    assert f"{EN['nem']} — 500 g pack × 2 (Nem Chua A Household)" in body
    assert "Nem chua" not in body

    add(client, english_shop.variant_b, 1, language="vi")
    with django_capture_on_commit_callbacks(execute=True):
        order_vi = place(client, "vi")
    assert order_vi.language == "vi"
    body = mail.outbox[-1].body
    assert "Cảm ơn bạn đã đặt đơn hàng" in body and "Chiếu cói — Chiếu đôi × 1" in body
    assert EN["chieu"] not in body and "/vi/orders/" in body

    # A worker sends in whatever language it runs in: the e-mail still follows the order.
    mail.outbox.clear()
    with translation.override("vi"):
        assert deliver_order_confirmation(order_en)
    assert f"{EN['nem']} — 500 g pack" in mail.outbox[0].body and "/en/orders/" in mail.outbox[0].body
    assert "Thank you for your order" in mail.outbox[0].body
