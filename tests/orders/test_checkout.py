"""Cart and checkout through the views, without JavaScript."""

import pytest
from django.core import mail

from orders.models import LineStatus, Order, OrderStatus, SavedCart

from .conftest import checkout_data

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_order_shop")]


def add(client, variant, quantity=1):
    return client.post("/vi/cart/add/", {"variant": variant.pk, "quantity": quantity}, HTTP_REFERER="/vi/")


def test_add_to_cart_without_javascript_redirects_back_with_a_message(client, shop):
    response = add(client, shop.variant_a, 2)
    assert response.status_code == 302 and response["Location"] == "/vi/"
    page = client.get("/vi/cart/").content.decode()
    assert "Nem chua" in page and "Chiếu cói" not in page
    assert 'value="2"' in page


def test_cart_caps_quantity_at_stock_and_refuses_bad_input(client, shop):
    add(client, shop.last_unit, 5)
    assert client.session["cart"] == {str(shop.last_unit.pk): 1}
    for bad in ("-3", "abc", "100000"):
        add(client, shop.variant_a, bad)
    assert str(shop.variant_a.pk) not in client.session["cart"]
    response = client.post("/vi/cart/add/", {"variant": 999999, "quantity": 1})
    assert response.status_code == 302


def test_cart_groups_by_producer_with_a_shipping_fee_each(client, shop):
    from orders.models import ShippingRate

    ShippingRate.objects.create(producer=None, fee_in_province=20_000, fee_elsewhere=35_000)
    ShippingRate.objects.create(producer=shop.producer_b, fee_in_province=0, fee_elsewhere=0)
    add(client, shop.variant_a, 2)
    add(client, shop.variant_b, 1)
    response = client.get("/vi/cart/")
    groups = response.context["groups"]
    assert [g.producer.pk for g in groups] == sorted(
        [shop.producer_a.pk, shop.producer_b.pk],
        key=lambda pk: {shop.producer_a.pk: "Nem", shop.producer_b.pk: "Chi"}[pk],
    )
    assert response.context["shipping"] == 20_000
    assert response.context["total"] == 2 * 50_000 + 450_000 + 20_000


def test_cod_checkout_places_one_order_reserves_stock_and_mails_in_the_shoppers_language(
    client, shop, django_capture_on_commit_callbacks
):
    add(client, shop.variant_a, 3)
    add(client, shop.variant_b, 1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/checkout/", checkout_data(client))
    assert response.status_code == 302
    order = Order.objects.get()
    assert response["Location"] == f"/en/orders/{order.code}/"
    assert order.status == OrderStatus.CONFIRMED
    assert order.phone == "0912345678" and order.language == "en"
    assert len(order.code) == 8 and not set(order.code) & set("01OI")
    assert {(line.producer_id, line.quantity, line.unit_price) for line in order.lines.all()} == {
        (shop.producer_a.pk, 3, 50_000),
        (shop.producer_b.pk, 1, 450_000),
    }
    assert order.total == order.subtotal + order.shipping_total == 600_000 + 2 * 25_000
    shop.variant_a.refresh_from_db()
    assert shop.variant_a.stock == 17
    assert client.session["cart"] == {}
    assert len(mail.outbox) == 1 and order.code[:4] in mail.outbox[0].subject
    assert "Thank you for your order" in mail.outbox[0].body
    page = client.get(f"/en/orders/{order.code}/").content.decode()
    assert "Cash on delivery" in page and "Chiếu đôi" in page


def test_double_submission_places_one_order(client, shop):
    add(client, shop.variant_a, 2)
    data = checkout_data(client)
    first = client.post("/vi/checkout/", data)
    second = client.post("/vi/checkout/", data)  # the cart is empty by now: the retry finds the order
    add(client, shop.variant_a, 2)
    third = client.post("/vi/checkout/", data)  # and with a full cart again, still the same order
    assert first["Location"] == second["Location"] == third["Location"]
    assert first["Location"].startswith("/vi/orders/")
    assert Order.objects.count() == 1
    shop.variant_a.refresh_from_db()
    assert shop.variant_a.stock == 18


@pytest.mark.parametrize("phone", ["12345", "0112345678", "+1 202 555 0100", "09123456789"])
def test_bad_phone_is_refused_and_nothing_is_written(client, shop, phone):
    add(client, shop.variant_a)
    response = client.post("/vi/checkout/", checkout_data(client, phone=phone))
    assert response.status_code == 200
    assert "phone" in response.context["form"].errors
    assert Order.objects.count() == 0


def test_ward_must_belong_to_the_province(client, shop):
    from portal.places import ward_choices

    add(client, shop.variant_a)
    hanoi_ward = ward_choices(1)[0][0]
    response = client.post("/vi/checkout/", checkout_data(client, ward=str(hanoi_ward)))
    assert response.status_code == 200 and "ward" in response.context["form"].errors
    # Without JavaScript: choosing another province and pressing the button lists its wards.
    response = client.post("/vi/checkout/", checkout_data(client, province="1", change_province="1"))
    assert response.status_code == 200 and not response.context["form"].errors
    assert (hanoi_ward, ward_choices(1)[0][1]) in response.context["form"].fields["ward"].choices
    assert Order.objects.count() == 0


def test_order_page_asks_for_the_phone_unless_this_session_placed_it(client, shop, django_user_model):
    from django.test import Client

    add(client, shop.variant_a)
    client.post("/vi/checkout/", checkout_data(client))
    order = Order.objects.get()
    stranger = Client()
    page = stranger.get(f"/vi/orders/{order.code}/").content.decode()
    assert order.street not in page and 'name="phone"' in page
    response = stranger.post(f"/vi/orders/{order.code}/", {"phone": "0987654321"})
    assert order.street not in response.content.decode()
    response = stranger.post(f"/vi/orders/{order.code}/", {"phone": "+84912345678"}, follow=True)
    assert order.street in response.content.decode()
    # The lookup form, with the code typed loosely.
    other = Client()
    loose = f"{order.code[:4].lower()}-{order.code[4:]}"
    response = other.post("/vi/orders/lookup/", {"code": loose, "phone": "0912 345 678"})
    assert response["Location"] == f"/vi/orders/{order.code}/"
    assert other.get("/vi/orders/ZZZZZZZZ/").status_code == 404


def test_vietqr_order_page_shows_a_decodable_qr_with_the_order_code(client, shop):
    from orders.payments import vietqr

    from .test_vietqr import decode_qr_svg

    add(client, shop.variant_b)
    client.post("/vi/checkout/", checkout_data(client, payment_method="vietqr"))
    order = Order.objects.get()
    assert order.status == OrderStatus.AWAITING_PAYMENT
    response = client.get(f"/vi/orders/{order.code}/")
    svg = response.context["vietqr_svg"]
    from portal.templatetags.portal_tags import svg_data_uri

    assert svg_data_uri(svg) in response.content.decode()  # an <img> with alt text (test_order_pages_accessible)
    [decoded] = decode_qr_svg(svg)
    fields = vietqr.parse_payload(decoded)
    assert fields["purpose"] == order.code and fields["amount"] == str(order.total)


def test_cart_is_kept_and_merged_on_login(client, shop, django_user_model):
    user = django_user_model.objects.create_user(username="lan", password="pw-123456")
    SavedCart.objects.create(user=user, items={str(shop.variant_b.pk): 2, str(shop.variant_a.pk): 1})
    add(client, shop.variant_a, 3)
    client.force_login(user)  # runs django.contrib.auth.login with this client's session
    assert client.session["cart"] == {str(shop.variant_a.pk): 3, str(shop.variant_b.pk): 2}
    # Logged in, changes are saved for the next visit.
    add(client, shop.last_unit, 1)
    assert SavedCart.objects.get(user=user).items[str(shop.last_unit.pk)] == 1


def test_cancelled_line_goes_back_to_stock(client, shop, business_users):
    from orders.services import change_line_status

    add(client, shop.variant_a, 4)
    client.post("/vi/checkout/", checkout_data(client))
    line = Order.objects.get().lines.get()
    change_line_status(line, LineStatus.PACKED, actor=business_users[0])
    change_line_status(line, LineStatus.CANCELLED, actor=business_users[0])
    shop.variant_a.refresh_from_db()
    assert shop.variant_a.stock == 20
    assert Order.objects.get().status == OrderStatus.CANCELLED


def test_cart_and_order_pages_make_a_fixed_number_of_queries(client, shop, django_assert_max_num_queries):
    from catalogue.models import ProductVariant

    extra = [
        ProductVariant.objects.create(product=shop.product_b, name=f"Cỡ {i}", sku=f"B-{i}", price=10_000, stock=9)
        for i in range(6)
    ]
    add(client, shop.variant_a)
    add(client, shop.variant_b)
    client.get("/vi/cart/")  # warm caches (locale, site, home page)
    with django_assert_max_num_queries(12) as few:
        client.get("/vi/cart/")
    baseline = len(few.captured_queries)
    assert baseline > 0
    for variant in extra:
        add(client, variant)
    with django_assert_max_num_queries(baseline):
        client.get("/vi/cart/")
    client.post("/vi/checkout/", checkout_data(client))
    order = Order.objects.get()
    client.get(f"/vi/orders/{order.code}/")
    with django_assert_max_num_queries(14):
        client.get(f"/vi/orders/{order.code}/")


def test_confirmation_page_and_mail_are_in_vietnamese_for_a_vietnamese_shopper(
    client, shop, django_capture_on_commit_callbacks
):
    add(client, shop.variant_a, 1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/vi/checkout/", checkout_data(client), follow=True)
    page = response.content.decode()
    assert "Thanh toán khi nhận hàng" in page and "Lịch sử" in page
    assert 'data-label="Trạng thái">Chờ xử lý</td>' in page  # the line's status, with its own translation context
    assert "đã nhận đơn hàng" in mail.outbox[0].subject
    assert "Cảm ơn bạn đã đặt đơn hàng" in mail.outbox[0].body
    assert "50.000\u00a0₫" in mail.outbox[0].body


def test_guessing_the_phone_number_is_stopped_after_ten_tries(client, shop, settings):
    from django.test import Client

    settings.RATELIMIT_ENABLED = True
    add(client, shop.variant_a)
    client.post("/vi/checkout/", checkout_data(client))
    order = Order.objects.get()
    guesser = Client()
    for i in range(10):
        guesser.post(f"/vi/orders/{order.code}/", {"phone": f"09123456{i:02d}"})
    response = guesser.post(f"/vi/orders/{order.code}/", {"phone": "0912345678"})
    assert order.street not in response.content.decode()
    assert "Too many wrong attempts" in response.content.decode() or "quá nhiều lần" in response.content.decode()
