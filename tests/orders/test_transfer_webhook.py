"""Automatic transfer confirmation from PayOS's signed webhook.

PayOS cannot be reached from these machines: the webhook bodies come from a local stand-in
process (tests/servers/payos_standin.py) that builds them as PayOS documents and signs them
with its own implementation of the documented HMAC-SHA256, independently of the `payos` SDK
the site verifies them with. PayOS itself, its payment links and its retries are not run.
"""

import uuid

import pytest

from orders.models import OrderEvent, OrderStatus, PaymentStatus, TransferNotification, TransferOutcome
from orders.payments.transfers import order_codes_in
from orders.services import CustomerDetails, cancel_order, place_order
from tests.servers.payos import *  # noqa: F403 — fixtures: payos_standin, payos_settings

URL = "/payments/transfer/webhook/"


@pytest.fixture
def transfer_order(shop):
    from portal.places import ward_choices

    details = CustomerDetails("Lò Thị Mai", "0356789123", "", 38, ward_choices(38)[0][0], "Bản Lác", "", "vietqr")
    order, _ = place_order({shop.variant_a.pk: 2}, details, uuid.uuid4().hex)
    assert order.status == OrderStatus.AWAITING_PAYMENT
    return order


def _post(client, body: bytes):
    return client.post(URL, data=body, content_type="application/json")


def _bank_note(order) -> str:
    # What banks make of the note: their own prefix and suffix around the order code.
    return f"MBVCB.8831245.{order.code}.CT tu 101234567890 NGUYEN THI LAN toi 0011001234567"


@pytest.mark.django_db
def test_without_payos_keys_the_webhook_says_it_is_not_configured(client, settings):
    settings.PAYOS_CHECKSUM_KEY = ""
    response = _post(client, b"{}")
    assert response.status_code == 503
    assert b"not configured" in response.content


@pytest.mark.django_db
def test_exact_transfer_marks_the_order_paid_through_the_manual_confirmations_service(
    client, transfer_order, payos_settings
):
    body = payos_settings.build(description=_bank_note(transfer_order), amount=transfer_order.total)
    response = _post(client, body)
    assert response.status_code == 200 and response.json()["outcome"] == "paid"
    transfer_order.refresh_from_db()
    assert transfer_order.payment_status == PaymentStatus.PAID
    assert transfer_order.status == OrderStatus.CONFIRMED
    paid = transfer_order.events.get(kind=OrderEvent.Kind.PAID)
    assert "PayOS" in paid.message
    notification = TransferNotification.objects.get()
    assert notification.order == transfer_order and not notification.needs_review


@pytest.mark.django_db
def test_bad_signature_is_refused_and_nothing_is_stored(client, transfer_order, payos_settings):
    for forged in (
        payos_settings.build(description=transfer_order.code, amount=transfer_order.total, tamper=True),
        payos_settings.build(description=transfer_order.code, amount=transfer_order.total, checksum_key="guess"),
        b"not json",
    ):
        assert _post(client, forged).status_code == 400
    transfer_order.refresh_from_db()
    assert not transfer_order.is_paid
    assert not TransferNotification.objects.exists()


@pytest.mark.django_db
def test_a_replayed_notification_is_applied_once(client, transfer_order, payos_settings):
    body = payos_settings.build(description=transfer_order.code, amount=transfer_order.total, reference="FT2611230001")
    assert _post(client, body).json()["outcome"] == "paid"
    again = _post(client, body)
    assert again.status_code == 200 and again.json()["outcome"] == "duplicate"
    assert TransferNotification.objects.count() == 1
    assert transfer_order.events.filter(kind=OrderEvent.Kind.PAID).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("difference", "outcome"), [(-10_000, TransferOutcome.PARTIAL), (5_000, TransferOutcome.EXCESS)]
)
def test_partial_or_excess_transfer_is_flagged_and_does_not_pay(
    client, transfer_order, payos_settings, difference, outcome
):
    body = payos_settings.build(description=_bank_note(transfer_order), amount=transfer_order.total + difference)
    assert _post(client, body).json()["outcome"] == outcome
    transfer_order.refresh_from_db()
    assert not transfer_order.is_paid and transfer_order.status == OrderStatus.AWAITING_PAYMENT
    notification = TransferNotification.objects.get()
    assert notification.needs_review and notification.order == transfer_order
    assert list(TransferNotification.objects.needing_review()) == [notification]


@pytest.mark.django_db
def test_transfer_for_a_cancelled_order_is_late_flagged_and_does_not_pay(client, transfer_order, payos_settings):
    cancel_order(transfer_order, message="expired")
    body = payos_settings.build(description=transfer_order.code, amount=transfer_order.total)
    assert _post(client, body).json()["outcome"] == TransferOutcome.LATE
    transfer_order.refresh_from_db()
    assert not transfer_order.is_paid and transfer_order.status == OrderStatus.CANCELLED
    assert TransferNotification.objects.get().needs_review


@pytest.mark.django_db
def test_transfer_without_a_known_code_is_kept_for_staff(client, transfer_order, payos_settings):
    body = payos_settings.build(description="chuyen tien hang", amount=transfer_order.total)
    assert _post(client, body).json()["outcome"] == TransferOutcome.UNMATCHED
    notification = TransferNotification.objects.get()
    assert notification.order is None and notification.needs_review


@pytest.mark.django_db
def test_flagged_transfers_show_in_the_admin_list_for_staff(client, admin_user, transfer_order, payos_settings):
    body = payos_settings.build(description=transfer_order.code, amount=1_000)
    _post(client, body)
    client.force_login(admin_user)
    page = client.get("/admin/orders/transfers/?needs_review=true").content.decode()
    assert transfer_order.code in page
    assert "Less than the order total" in page or "Ít hơn tổng tiền đơn hàng" in page


def test_order_codes_are_found_inside_what_banks_write():
    assert "ABCD2345" in order_codes_in("MBVCB.123.ABCD2345.CT tu NGUYEN")
    assert "ABCD2345" in order_codes_in("IBFT abcd2345")
    assert order_codes_in("chuyen tien") == set()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_stand_in_posts_the_webhook_to_the_running_site(live_server, transfer_order, payos_settings):
    answer = payos_settings.send(
        f"{live_server.url}{URL}", description=_bank_note(transfer_order), amount=transfer_order.total
    )
    assert answer["status"] == 200, answer
    transfer_order.refresh_from_db()
    assert transfer_order.payment_status == PaymentStatus.PAID
