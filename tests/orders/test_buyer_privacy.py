"""A business sees its buyer's contact only for its own lines and until they are delivered or
cancelled plus BUYER_CONTACT_DAYS_AFTER_DELIVERY (orders.privacy), on every surface: the
workspace's order list and line page, the packing slip, the admin's line page and its export."""

import io
import uuid
from datetime import timedelta

import pypdfium2
import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from orders.models import LineStatus, Order, OrderLine
from orders.privacy import buyer_contact, buyer_contact_for, initials, line_states
from orders.services import CustomerDetails, place_order

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_order_shop")]

NAME, PHONE, STREET = "Nguyễn Thị Lan", "0912345678", "12 Lê Lợi"
HIDDEN_EN = "hidden after delivery (personal data)"
HIDDEN_VI = "đã ẩn sau khi giao (dữ liệu cá nhân)"  # the admin speaks the user's language, Vietnamese by default


@pytest.fixture
def order(shop):
    details = CustomerDetails(
        name=NAME,
        phone=PHONE,
        email="lan@example.com",
        province_code=38,
        ward_code=14758,
        street=STREET,
        note="Gọi trước khi giao",
        payment_method="cod",
    )
    placed, _created = place_order({shop.variant_a.pk: 1, shop.variant_b.pk: 1}, details, uuid.uuid4().hex)
    return placed


def close_line(order, producer, days_ago, status=LineStatus.DELIVERED):
    OrderLine.objects.filter(order=order, producer=producer).update(
        status=status, status_changed_at=timezone.now() - timedelta(days=days_ago)
    )


def as_business(client, user):
    client.force_login(user)
    return client


# --- the rule ----------------------------------------------------------------------------------


def test_contact_is_shown_while_a_line_is_open_and_for_the_period_after_delivery(order, shop):
    now = timezone.now()
    states = [(LineStatus.PACKED, now)]
    assert buyer_contact(order, states).phone == PHONE
    delivered = [(LineStatus.DELIVERED, now - timedelta(days=29))]
    contact = buyer_contact(order, delivered, now=now)
    assert not contact.hidden and contact.phone == PHONE and STREET in contact.address
    assert contact.visible_until == delivered[0][1] + timedelta(days=30)
    gone = buyer_contact(order, [(LineStatus.DELIVERED, now - timedelta(days=31))], now=now)
    assert gone.hidden and gone.name == "N. T. L." and not (gone.phone or gone.address or gone.email or gone.note)


def test_cancelled_counts_as_closed_and_any_open_line_keeps_the_contact(order):
    now = timezone.now()
    old = now - timedelta(days=90)
    assert buyer_contact(order, [(LineStatus.CANCELLED, old)], now=now).hidden
    assert not buyer_contact(order, [(LineStatus.DELIVERED, old), (LineStatus.SHIPPED, old)], now=now).hidden


def test_the_period_is_a_setting(order, settings):
    settings.BUYER_CONTACT_DAYS_AFTER_DELIVERY = 5
    six_days_ago = [(LineStatus.DELIVERED, timezone.now() - timedelta(days=6))]
    assert buyer_contact(order, six_days_ago).hidden
    settings.BUYER_CONTACT_DAYS_AFTER_DELIVERY = 7
    assert not buyer_contact(order, six_days_ago).hidden


def test_business_without_a_line_in_the_order_sees_nothing(order, business_users, shop, django_user_model):
    stranger = django_user_model.objects.create_user("buyer-only", password="x")
    assert buyer_contact_for(order, stranger) is None
    assert buyer_contact(order, []) is None


def test_each_business_by_its_own_lines_only(order, shop, business_users):
    user_a, user_b = business_users
    close_line(order, shop.producer_a, 45)
    assert buyer_contact_for(order, user_a).hidden
    assert buyer_contact_for(order, user_b).phone == PHONE  # its line is still open


def test_moderators_keep_access_after_the_window(order, shop, django_user_model):
    close_line(order, shop.producer_a, 400)
    close_line(order, shop.producer_b, 400)
    moderator = django_user_model.objects.create_user("mod", password="x")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    contact = buyer_contact_for(order, moderator)
    assert contact.phone == PHONE and contact.name == NAME and not contact.hidden


def test_erased_phone_and_email_stay_hidden_after_account_deletion(order, shop):
    """Account deletion (accounts, helper D) keeps name and address for accounting only."""
    order.personal_data_retained_until = timezone.localdate() + timedelta(days=3650)
    contact = buyer_contact(order, line_states(order.lines.filter(producer=shop.producer_a)))
    assert contact.name == NAME and STREET in contact.address
    assert contact.phone == "" and contact.email == ""


def test_initials_of_a_vietnamese_name():
    assert initials("Nguyễn Văn An") == "N. V. A." and initials("  lê  ") == "L." and initials("") == ""


# --- the surfaces ------------------------------------------------------------------------------


def test_workspace_list_hides_the_contact_after_the_window(client, order, shop, business_users):
    as_business(client, business_users[0])
    page = client.get("/en/seller/orders/?show=all").content.decode()
    assert NAME in page and PHONE in page and STREET in page
    close_line(order, shop.producer_a, 31)
    page = client.get("/en/seller/orders/?show=all").content.decode()
    assert order.code in page and HIDDEN_EN in page and "N. T. L." in page
    assert NAME not in page and PHONE not in page and STREET not in page and "Gọi trước" not in page


def test_workspace_list_and_line_page_follow_each_business_own_lines(client, order, shop, business_users):
    close_line(order, shop.producer_b, 31)  # B's line is long delivered, A's still open
    line_b = order.lines.get(producer=shop.producer_b)
    line_a = order.lines.get(producer=shop.producer_a)
    as_business(client, business_users[1])
    page = client.get("/en/seller/orders/?show=all").content.decode()
    assert PHONE not in page and "Nem chua" not in page
    line_page = client.get(f"/en/seller/orders/lines/{line_b.pk}/").content.decode()
    assert PHONE not in line_page and HIDDEN_EN in line_page
    assert client.get(f"/en/seller/orders/lines/{line_a.pk}/").status_code == 404
    as_business(client, business_users[0])
    line_page = client.get(f"/en/seller/orders/lines/{line_a.pk}/").content.decode()
    assert PHONE in line_page and STREET in line_page and "Chiếu" not in line_page


def slip_text(client, order) -> str:
    response = client.get(f"/en/seller/orders/{order.code}/slip.pdf")
    assert response.status_code == 200
    return pypdfium2.PdfDocument(io.BytesIO(response.content))[0].get_textpage().get_text_range()


def test_packing_slip_hides_the_contact_after_the_window(client, order, shop, business_users):
    as_business(client, business_users[0])
    text = slip_text(client, order)
    assert NAME in text and PHONE in text and STREET in text
    close_line(order, shop.producer_a, 31)
    text = slip_text(client, order)
    assert HIDDEN_EN in text and NAME not in text and PHONE not in text and STREET not in text


def test_admin_line_page_hides_the_contact_after_the_window_and_refuses_another_business(
    client, order, shop, business_users
):
    line_a = order.lines.get(producer=shop.producer_a)
    as_business(client, business_users[0])
    assert PHONE in client.get(f"/admin/orders/lines/edit/{line_a.pk}/").content.decode()
    close_line(order, shop.producer_a, 31)
    page = client.get(f"/admin/orders/lines/edit/{line_a.pk}/").content.decode()
    assert PHONE not in page and NAME not in page
    as_business(client, business_users[1])
    # (A 404 under /admin/ is redirected by LocaleMiddleware to /vi/admin/…, itself a 404.)
    assert client.get(f"/admin/orders/lines/edit/{line_a.pk}/", follow=True).status_code == 404


def export_csv(client) -> str:
    response = client.get("/admin/orders/lines/?export=csv")
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def test_export_of_lines_hides_the_contact_after_the_window_and_has_only_own_lines(
    client, order, shop, business_users, django_user_model
):
    as_business(client, business_users[0])
    csv = export_csv(client)
    assert "Nem chua" in csv and "Chiếu" not in csv
    assert NAME in csv and PHONE in csv and STREET in csv
    close_line(order, shop.producer_a, 31)
    csv = export_csv(client)
    assert "N. T. L." in csv and HIDDEN_VI in csv and PHONE not in csv and STREET not in csv
    # A moderator's export keeps every buyer's contact.
    moderator = django_user_model.objects.create_user("mod", password="x", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    csv = export_csv(client)
    assert PHONE in csv and "Chiếu" in csv


def test_order_still_holds_the_data_for_the_buyer_and_accounting(order, shop):
    close_line(order, shop.producer_a, 400)
    stored = Order.objects.get(pk=order.pk)
    assert stored.phone == PHONE and stored.name == NAME  # hidden from the business, not erased


def test_recall_list_of_orders_hides_the_contact_after_the_window(client, order, shop, business_users):
    import datetime

    from traceability.models import Batch
    from traceability.services import recall_batch

    batch = Batch.objects.create(
        product=shop.product_a,
        variant=shop.variant_a,
        lot_number="NC-2026-09",
        production_date=datetime.date(2026, 11, 1),
        quantity=100,
    )
    OrderLine.objects.filter(order=order, producer=shop.producer_a).update(batch=batch)
    recall_batch(batch, "Nhiễm khuẩn", business_users[0])
    as_business(client, business_users[0])
    url = f"/admin/batches/{batch.pk}/trace/"
    page = client.get(url, follow=True).content.decode()
    assert order.code in page and PHONE in page
    close_line(order, shop.producer_a, 31)
    page = client.get(url, follow=True).content.decode()
    assert order.code in page and PHONE not in page and NAME not in page and HIDDEN_VI in page


def test_after_account_deletion_the_business_sees_name_and_address_but_no_phone(
    client, order, shop, business_users, django_user_model
):
    from accounts.data_rights import delete_account

    shopper = django_user_model.objects.create_user("lan", password="x")
    Order.objects.filter(pk=order.pk).update(user=shopper)
    delete_account(shopper)
    line_a = order.lines.get(producer=shop.producer_a)
    as_business(client, business_users[0])
    page = client.get(f"/en/seller/orders/lines/{line_a.pk}/").content.decode()
    assert NAME in page and STREET in page
    assert PHONE not in page and "lan@example.com" not in page and "tel:" not in page
