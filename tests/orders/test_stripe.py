"""Card payments against localstripe (a real Stripe-API server on loopback, started by the suite)."""

import contextlib
import hashlib
import hmac
import json
import time
import uuid

import pytest
import stripe

from orders.models import Order, OrderEvent, OrderStatus, PaymentStatus, Refund, StripeEvent
from orders.payments import stripe_payments
from orders.services import CustomerDetails, place_order
from tests.servers.localstripe import WEBHOOK_SECRET

from .conftest import checkout_data

pytestmark = pytest.mark.stripe
WEBHOOK = "/payments/stripe/webhook/"


def _card_order(shop, quantity=2):
    from portal.places import ward_choices

    details = CustomerDetails("Hà Thu", "0912000111", "", 38, ward_choices(38)[0][0], "3 Phan Chu Trinh", "", "card")
    order, _ = place_order({shop.variant_a.pk: quantity}, details, uuid.uuid4().hex)
    return order


def _pay_like_the_browser(intent_id, card="4242424242424242"):
    """What Stripe.js does after the shopper types a card: a PaymentMethod, then confirm."""
    method = stripe.PaymentMethod.create(
        type="card", card={"number": card, "exp_month": 12, "exp_year": 2030, "cvc": "123"}
    )
    stripe.PaymentIntent.modify(intent_id, payment_method=method.id)
    return stripe.PaymentIntent.confirm(intent_id)


def _signed(payload: str, secret: str = WEBHOOK_SECRET) -> str:
    timestamp = int(time.time())
    signature = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={signature}"


def _event_for(intent_id, event_type="payment_intent.succeeded"):
    for event in stripe.Event.list(limit=100).data:
        if event.type == event_type and event.data.object.id == intent_id:
            return event
    raise AssertionError(f"localstripe has no {event_type} for {intent_id}")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_full_card_checkout_is_paid_by_the_verified_webhook(client, shop, stripe_webhook_to_live_server):
    client.post("/en/cart/add/", {"variant": shop.variant_a.pk, "quantity": 2})
    response = client.post("/en/checkout/", checkout_data(client, payment_method="card"))
    order = Order.objects.get()
    assert response["Location"] == f"/en/orders/{order.code}/"
    page = client.get(response["Location"])
    assert page.context["stripe_client_secret"].startswith("pi_")
    assert 'id="payment-element"' in page.content.decode()
    order.refresh_from_db()
    intent = stripe.PaymentIntent.retrieve(order.stripe_payment_intent_id)
    assert (intent.amount, intent.currency) == (order.total, "vnd")  # zero-decimal: đồng as they are
    # A second visit reuses the same PaymentIntent.
    client.get(response["Location"])
    order.refresh_from_db()
    assert order.stripe_payment_intent_id == intent.id

    assert _pay_like_the_browser(intent.id).status == "succeeded"
    assert order.payment_status == PaymentStatus.UNPAID  # nothing trusts the browser

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        order.refresh_from_db()
        if order.is_paid:
            break
        time.sleep(0.3)
    assert order.payment_status == PaymentStatus.PAID
    assert order.status == OrderStatus.CONFIRMED
    event = StripeEvent.objects.get(payment_intent_id=intent.id, type="payment_intent.succeeded")
    assert event.order_id == order.pk
    assert OrderEvent.objects.filter(order=order, kind=OrderEvent.Kind.PAID).count() == 1


@pytest.mark.django_db
def test_forged_webhook_is_refused_and_nothing_is_stored(client, shop, stripe_settings):
    order = _card_order(shop)
    intent = stripe_payments.ensure_intent(order)
    _pay_like_the_browser(intent.id)
    payload = json.dumps(_event_for(intent.id).to_dict())
    for signature in (_signed(payload, "whsec_someone_else"), "t=1,v1=deadbeef", ""):
        response = client.post(WEBHOOK, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature)
        assert response.status_code == 400
    # A correctly signed but tampered body is refused too.
    tampered = payload.replace(str(order.total), "1")
    response = client.post(WEBHOOK, tampered, content_type="application/json", HTTP_STRIPE_SIGNATURE=_signed(payload))
    assert response.status_code == 400
    assert StripeEvent.objects.count() == 0
    order.refresh_from_db()
    assert order.payment_status == PaymentStatus.UNPAID
    assert not OrderEvent.objects.filter(kind=OrderEvent.Kind.PAID).exists()


@pytest.mark.django_db
def test_the_same_webhook_twice_is_applied_once_and_late_failures_change_nothing(client, shop, stripe_settings):
    order = _card_order(shop)
    intent = stripe_payments.ensure_intent(order)
    _pay_like_the_browser(intent.id)
    event = _event_for(intent.id)
    payload = json.dumps(event.to_dict())
    outcomes = []
    for _ in range(2):
        response = client.post(
            WEBHOOK, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=_signed(payload)
        )
        assert response.status_code == 200
        outcomes.append(response.content.decode())
    assert outcomes == ["paid", "duplicate"]
    assert StripeEvent.objects.filter(event_id=event.id).count() == 1
    assert OrderEvent.objects.filter(order=order, kind=OrderEvent.Kind.PAID).count() == 1

    # A failure event for the same intent arriving late (out of order) does not undo the payment.
    failed = event.to_dict()
    failed.update(id="evt_late_failure", type="payment_intent.payment_failed")
    failed_payload = json.dumps(failed)
    response = client.post(
        WEBHOOK, failed_payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=_signed(failed_payload)
    )
    assert response.status_code == 200 and response.content == b"no change"
    order.refresh_from_db()
    assert order.payment_status == PaymentStatus.PAID


@pytest.mark.django_db
def test_return_from_the_payment_page_asks_stripe_server_side(client, shop, stripe_settings):
    order = _card_order(shop)
    intent = stripe_payments.ensure_intent(order)
    # Before paying: the return URL changes nothing, whatever the query string claims.
    response = client.get(f"/payments/stripe/return/{order.code}/?redirect_status=succeeded")
    assert response.status_code == 302 and response["Location"] == f"/vi/orders/{order.code}/"
    order.refresh_from_db()
    assert not order.is_paid
    _pay_like_the_browser(intent.id)
    client.get(f"/payments/stripe/return/{order.code}/")
    order.refresh_from_db()
    assert order.payment_status == PaymentStatus.PAID


@pytest.mark.django_db
def test_declined_card_leaves_the_order_unpaid(shop, stripe_settings):
    order = _card_order(shop)
    intent = stripe_payments.ensure_intent(order)
    # localstripe declines this card at charge time (an error now, or a failed intent).
    with contextlib.suppress(stripe.CardError):
        _pay_like_the_browser(intent.id, card="4000000000000341")
    assert stripe.PaymentIntent.retrieve(intent.id).status != "succeeded"
    assert not stripe_payments.sync_intent(order)
    order.refresh_from_db()
    assert order.payment_status == PaymentStatus.UNPAID


@pytest.mark.django_db
def test_refund_from_the_admin_is_recorded_from_stripes_answer(client, shop, stripe_settings, admin_user):
    order = _card_order(shop, quantity=1)
    intent = stripe_payments.ensure_intent(order)
    _pay_like_the_browser(intent.id)
    assert stripe_payments.sync_intent(order)
    client.force_login(admin_user)
    response = client.post(f"/admin/orders/{order.pk}/refund/", {"amount": "20000"})
    assert response.status_code == 302
    refund = Refund.objects.get(order=order)
    assert refund.amount == 20_000 and refund.stripe_refund_id.startswith("re_")
    assert stripe.Refund.retrieve(refund.stripe_refund_id).amount == 20_000
    order.refresh_from_db()
    assert order.refunded_amount == 20_000 and order.payment_status == PaymentStatus.PARTIALLY_REFUNDED
    # More than what is left is refused without calling Stripe.
    client.post(f"/admin/orders/{order.pk}/refund/", {"amount": str(order.total)})
    assert Refund.objects.filter(order=order).count() == 1
