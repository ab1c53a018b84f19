"""A moderator's refund on a card order goes through Stripe's refund API (localstripe here); when
Stripe refuses, the case stays undecided with a clear error and nothing is written."""

import uuid
from datetime import timedelta

import pytest
import stripe
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils import timezone

from orders.complaints import services
from orders.complaints.models import Case, CaseStatus, RefundState
from orders.models import LineStatus, OrderEvent, PaymentStatus, Refund
from orders.payments import stripe_payments
from orders.services import CustomerDetails, place_order

pytestmark = [pytest.mark.stripe, pytest.mark.django_db]


def _delivered_card_order(shop, buyer, *, pay=True):
    from portal.places import ward_choices

    details = CustomerDetails(
        "Hà Thu", "0912000111", "thu@example.com", 38, ward_choices(38)[0][0], "3 Phan", "", "card"
    )
    order, _ = place_order({shop.variant_a.pk: 2}, details, uuid.uuid4().hex)
    order.user = buyer
    order.save(update_fields=["user"])
    if pay:
        intent = stripe_payments.ensure_intent(order)
        method = stripe.PaymentMethod.create(
            type="card", card={"number": "4242424242424242", "exp_month": 12, "exp_year": 2030, "cvc": "123"}
        )
        stripe.PaymentIntent.modify(intent.id, payment_method=method.id)
        stripe.PaymentIntent.confirm(intent.id)
        assert stripe_payments.sync_intent(order)
    order.lines.update(status=LineStatus.DELIVERED, status_changed_at=timezone.now())
    return order


@pytest.fixture
def buyer():
    return get_user_model().objects.create_user(username="thu", password="changeme")


@pytest.fixture
def moderator():
    user = get_user_model().objects.create_user("mod", "mod@example.com", "changeme")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def _overdue_case(order, buyer):
    case = services.open_case(order.lines.get(), buyer, kind="complaint", reason="quality", description="Nem bị chua.")
    Case.objects.filter(pk=case.pk).update(answer_due_at=timezone.now() - timedelta(minutes=1))
    return case


def test_moderator_refund_on_a_card_order_goes_through_stripe(client, shop, buyer, moderator, stripe_settings):
    order = _delivered_card_order(shop, buyer)
    case = _overdue_case(order, buyer)
    client.force_login(moderator)
    response = client.post(
        f"/admin/complaints/{case.pk}/", {"outcome": "return_refund", "amount": "40000", "reason": "Hàng hỏng."}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    order.refresh_from_db()
    assert (case.status, case.outcome, case.refund_state) == (CaseStatus.CLOSED, "return_refund", RefundState.CARD)
    refund = Refund.objects.get(order=order)
    assert case.stripe_refund == refund and refund.amount == 40_000
    assert stripe.Refund.retrieve(refund.stripe_refund_id).amount == 40_000
    assert order.refunded_amount == 40_000 and order.payment_status == PaymentStatus.PARTIALLY_REFUNDED
    assert OrderEvent.objects.filter(order=order, kind="refunded").count() == 1


def test_a_refused_refund_leaves_the_case_undecided_and_writes_nothing(client, shop, buyer, moderator, stripe_settings):
    order = _delivered_card_order(shop, buyer)
    case = _overdue_case(order, buyer)
    events = case.events.count()
    # Stripe refuses a refund of a PaymentIntent it does not know: the order's record points elsewhere.
    order.__class__.objects.filter(pk=order.pk).update(stripe_payment_intent_id="pi_unknown_to_stripe")
    with pytest.raises(ValidationError) as refused:
        services.decide_case(case, moderator, outcome="refund", reason="Hàng hỏng.")
    assert refused.value.code == "refund_failed"
    client.force_login(moderator)
    page = client.post(f"/admin/complaints/{case.pk}/", {"outcome": "refund", "reason": "Hàng hỏng."})
    assert page.status_code == 400 and "chưa có quyết định nào được ghi" in page.content.decode()
    case.refresh_from_db()
    order.refresh_from_db()
    assert case.status == CaseStatus.OPEN and case.outcome == "" and case.refund_state == ""
    assert case.events.count() == events and not Refund.objects.exists() and order.refunded_amount == 0
    assert not OrderEvent.objects.filter(order=order, kind__in=["refunded", "complaint"]).exists()
