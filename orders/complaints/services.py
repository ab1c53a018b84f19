"""Opening, answering, disputing and deciding complaints and return requests, and the refunds
they lead to. Every step writes a CaseEvent and, once committed, e-mails both sides (emails.py).

A refund to a card goes through Stripe (orders.payments.stripe_payments.refund) inside the same
transaction as the decision: if Stripe refuses, nothing of the decision is written. A refund of a
bank transfer or cash on delivery is recorded "to pay" for staff, who mark it paid later.
"""

import logging

import stripe
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from catalogue.permissions import is_moderator

from ..buyer_photos import save_buyer_photos
from ..models import LineStatus, Order, OrderEvent, OrderLine, PaymentMethod, PaymentStatus
from ..payments import stripe_payments
from ..permissions import is_order_manager
from . import emails
from .models import (
    MAX_TEXT,
    Answer,
    Case,
    CaseEvent,
    CaseKind,
    CasePhoto,
    CaseStatus,
    ComplaintSettings,
    Reason,
    RefundState,
    answer_deadline,
)

logger = logging.getLogger(__name__)
MAX_PHOTOS = 3
PHOTO_COLLECTION = "Complaint photos"


def complaint_settings() -> ComplaintSettings:
    """The default site's setting, or the defaults while none is saved (no row is written)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return ComplaintSettings()
    return ComplaintSettings.objects.filter(site=site).first() or ComplaintSettings(site=site)


# --- Buyers ----------------------------------------------------------------------------------


def window_ends_at(line: OrderLine, window_days: int):
    return line.status_changed_at + timezone.timedelta(days=window_days)


def case_refusal(line: OrderLine, *, now=None, window_days=None) -> ValidationError | None:
    """Why the buyer cannot open a case on this line now, or None."""
    return refusals_for([line], now=now, window_days=window_days)[line.pk]


def refusals_for(lines, *, now=None, window_days=None) -> dict[int, ValidationError | None]:
    """line pk → why it cannot have a case now (None when it can), for many lines in two queries."""
    lines = list(lines)
    days = complaint_settings().window_days if window_days is None else window_days
    now = now or timezone.now()
    delivered = [line.pk for line in lines if line.status == LineStatus.DELIVERED]
    in_progress, refunded = set(), {}
    if delivered:
        in_progress = set(Case.objects.open().filter(line_id__in=delivered).values_list("line_id", flat=True))
        refunded = dict(
            Case.objects.filter(line_id__in=delivered, status=CaseStatus.CLOSED)
            .values("line_id")
            .annotate(n=Sum("refund_amount"))
            .values_list("line_id", "n")
        )
    return {line.pk: _refusal(line, now, days, in_progress, refunded) for line in lines}


def _refusal(line, now, days, in_progress, refunded) -> ValidationError | None:
    if line.status != LineStatus.DELIVERED:
        return ValidationError(
            _("You can complain about an item or ask to return it once it has been delivered."), code="not_delivered"
        )
    if now > window_ends_at(line, days):
        return ValidationError(
            _("The time to complain about this item has passed (%(days)s days after delivery).") % {"days": days},
            code="window_passed",
        )
    if line.pk in in_progress:
        return ValidationError(_("This item already has a case in progress."), code="case_open")
    if line.line_total - (refunded.get(line.pk) or 0) <= 0:
        return ValidationError(_("This item has already been refunded in full."), code="refunded")
    return None


def refundable_amount(line: OrderLine) -> int:
    """The line's total less what earlier cases on it refunded."""
    earlier = Case.objects.filter(line_id=line.pk, status=CaseStatus.CLOSED).aggregate(n=Sum("refund_amount"))["n"]
    return line.line_total - (earlier or 0)


def lines_with_refusals(order: Order) -> list[tuple[OrderLine, ValidationError | None]]:
    """Each line of the order with why it cannot have a case now (None when it can)."""
    lines = list(order.lines.all())
    refusals = refusals_for(lines)
    return [(line, refusals[line.pk]) for line in lines]


@transaction.atomic
def open_case(line: OrderLine, user, *, kind: str, reason: str, description: str, photos=()) -> Case:
    """The buyer's complaint or return request on a delivered line of their own order."""
    line = OrderLine.objects.select_for_update(of=("self",)).select_related("order", "producer").get(pk=line.pk)
    if not user.is_authenticated or line.order.user_id != user.pk:
        raise PermissionDenied("Only the buyer may open a case on this line.")
    setting = complaint_settings()
    refusal = case_refusal(line, window_days=setting.window_days)
    if refusal is not None:
        raise refusal
    if kind not in CaseKind.values or reason not in Reason.values:
        raise ValidationError(_("Choose what you ask for and why."), code="choice")
    if reason == Reason.CHANGED_MIND and kind != CaseKind.RETURN:
        raise ValidationError(_("Changing your mind is a reason to return an item, not a complaint."), code="reason")
    description = description.strip()
    if not description:
        raise ValidationError(_("Describe the problem."), code="description")
    photos = list(photos)
    if len(photos) > MAX_PHOTOS:
        raise ValidationError(_("Add at most %(n)s photos.") % {"n": MAX_PHOTOS}, code="too_many_photos")
    now = timezone.now()
    case = Case.objects.create(
        line=line,
        buyer=user,
        kind=kind,
        reason=reason,
        description=description[:MAX_TEXT],
        opened_at=now,
        answer_due_at=answer_deadline(now, setting.answer_days),
    )
    title = f"{line.order.code} · {line.product_title}"
    for position, image in enumerate(
        save_buyer_photos(photos, collection_name=PHOTO_COLLECTION, title=title, user=user)
    ):
        CasePhoto.objects.create(case=case, image=image, sort_order=position)
    _record(case, CaseEvent.Kind.OPENED, actor=user, message=description[:MAX_TEXT])
    return case


def _buyer_case(case: Case, user) -> Case:
    case = Case.objects.select_for_update().select_related("line__order").get(pk=case.pk)
    if not user.is_authenticated or case.line.order.user_id != user.pk:
        raise PermissionDenied("Only the buyer may respond.")
    if case.status != CaseStatus.ANSWERED:
        raise ValidationError(_("This case is not waiting for your answer."), code="not_answered")
    return case


@transaction.atomic
def accept_answer(case: Case, user) -> Case:
    """The buyer agrees with the business: a rejection closes the case for the business; a refund
    or return is carried out for the line's refundable amount."""
    case = _buyer_case(case, user)
    case.buyer_response_at = timezone.now()
    case.save(update_fields=["buyer_response_at"])
    _record(case, CaseEvent.Kind.ACCEPTED, actor=user)
    amount = 0 if case.answer == Answer.REJECT else refundable_amount(case.line)
    return _settle(case, case.answer, amount, actor=user, reason=case.answer_text, by_moderator=False)


@transaction.atomic
def dispute_answer(case: Case, user, text: str) -> Case:
    """The buyer disagrees: the case goes to the moderators."""
    case = _buyer_case(case, user)
    text = text.strip()
    if not text:
        raise ValidationError(_("Say why you disagree."), code="empty")
    now = timezone.now()
    case.status, case.buyer_response_at, case.escalated_at = CaseStatus.DISPUTED, now, now
    case.save(update_fields=["status", "buyer_response_at", "escalated_at"])
    _record(case, CaseEvent.Kind.DISPUTED, actor=user, message=text[:MAX_TEXT])
    return case


# --- Businesses -------------------------------------------------------------------------------


def cases_for_business(producer):
    return (
        Case.objects.for_producer(producer)
        .select_related("line__order", "line__producer")
        .prefetch_related("photos__image", "events")
    )


def cases_to_answer(producer, now=None):
    """The business's open cases still within their deadline, the nearest deadline first."""
    return (
        Case.objects.for_producer(producer)
        .filter(status=CaseStatus.OPEN, answer_due_at__gte=now or timezone.now())
        .select_related("line__order")
        .order_by("answer_due_at", "pk")
    )


@transaction.atomic
def answer_case(case: Case, producer, user, *, answer: str, text: str) -> Case:
    """The business's answer to a case on its own line, before the deadline."""
    case = Case.objects.select_for_update().select_related("line__producer", "line__order").get(pk=case.pk)
    if case.line.producer.translation_key != producer.translation_key:
        raise PermissionDenied("Another business's case.")
    if case.status != CaseStatus.OPEN:
        raise ValidationError(_("This case has already been answered."), code="already_answered")
    if case.is_overdue:
        raise ValidationError(
            _("The time to answer has passed: a moderator will decide this case."), code="deadline_passed"
        )
    if answer not in Answer.values:
        raise ValidationError(_("Choose your answer."), code="answer")
    text = text.strip()
    if answer == Answer.REJECT and not text:
        raise ValidationError(_("Say why you reject the request."), code="reason_required")
    case.status, case.answer, case.answer_text = CaseStatus.ANSWERED, answer, text[:MAX_TEXT]
    case.answered_at, case.answered_by = timezone.now(), user
    case.save(update_fields=["status", "answer", "answer_text", "answered_at", "answered_by"])
    _record(case, CaseEvent.Kind.ANSWERED, actor=user, message=f"{Answer(answer).label}. {text}".strip()[:MAX_TEXT])
    return case


# --- Moderators and staff ---------------------------------------------------------------------


@transaction.atomic
def decide_case(case: Case, moderator, *, outcome: str, reason: str, amount: int | None = None) -> Case:
    """A moderator's decision on an overdue or disputed case, always with a written reason.
    `amount` (đồng) for a refund: the line's refundable amount when None."""
    if not is_moderator(moderator):
        raise PermissionDenied("Only moderators decide cases.")
    case = Case.objects.select_for_update().select_related("line__order", "line__producer").get(pk=case.pk)
    if not case.needs_moderator:
        raise ValidationError(_("This case is not waiting for a moderator."), code="not_in_queue")
    if outcome not in Answer.values:
        raise ValidationError(_("Choose a decision."), code="outcome")
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Write the reason for the decision."), code="reason_required")
    if outcome == Answer.REJECT:
        amount = 0
    else:
        most = refundable_amount(case.line)
        amount = most if amount is None else int(amount)
        if not 0 < amount <= most:
            raise ValidationError(
                _("The refund must be between 1 and %(most)s đồng.") % {"most": f"{most:,}".replace(",", ".")},
                code="amount",
            )
    _record(case, CaseEvent.Kind.DECIDED, actor=moderator, message=f"{Answer(outcome).label}. {reason}"[:MAX_TEXT])
    return _settle(case, outcome, amount, actor=moderator, reason=reason, by_moderator=True)


def _settle(case: Case, outcome: str, amount: int, *, actor, reason: str, by_moderator: bool) -> Case:
    """Close the case with its outcome and carry out the refund (in the caller's transaction)."""
    order = case.line.order
    if outcome != Answer.REJECT and amount > 0:
        if order.payment_method == PaymentMethod.CARD:
            try:
                refund = stripe_payments.refund(order, amount, actor=actor)
            except (ValueError, stripe.StripeError) as error:
                logger.warning("refund of case %s failed: %s", case.pk, error)
                raise ValidationError(
                    _("The card refund failed, so nothing was decided: %(error)s. Try again later or decide otherwise.")
                    % {"error": getattr(error, "user_message", None) or str(error)},
                    code="refund_failed",
                ) from error
            case.stripe_refund, case.refund_state = refund, RefundState.CARD
            _record(case, CaseEvent.Kind.REFUNDED, actor=actor, amount=amount, message=refund.stripe_refund_id)
        else:
            case.refund_state = RefundState.TO_PAY
            _record(case, CaseEvent.Kind.REFUND_TO_PAY, actor=actor, amount=amount)
    case.status, case.outcome, case.refund_amount = CaseStatus.CLOSED, outcome, amount
    case.decided_by_moderator, case.decision_reason = by_moderator, reason[:MAX_TEXT]
    case.decided_at, case.decided_by = timezone.now(), actor
    case.save()
    OrderEvent.objects.create(
        order=order,
        kind=OrderEvent.Kind.COMPLAINT,
        line=case.line,
        actor=actor,
        message=f"case {case.pk}: {outcome} {amount} VND ({case.refund_state or 'no refund'})"[:255],
    )
    return case


@transaction.atomic
def mark_refund_paid(case: Case, staff) -> Case:
    """Staff paid a transfer or cash-on-delivery refund themselves: the order records it."""
    if not is_order_manager(staff):
        raise PermissionDenied("Only staff mark refunds paid.")
    case = Case.objects.select_for_update().select_related("line__order").get(pk=case.pk)
    if case.refund_state != RefundState.TO_PAY:
        raise ValidationError(_("This refund is not waiting to be paid."), code="not_to_pay")
    order = Order.objects.select_for_update().get(pk=case.line.order_id)
    order.refunded_amount += case.refund_amount
    order.payment_status = (
        PaymentStatus.REFUNDED if order.refunded_amount >= order.total else PaymentStatus.PARTIALLY_REFUNDED
    )
    order.save(update_fields=["refunded_amount", "payment_status", "updated_at"])
    OrderEvent.objects.create(
        order=order, kind=OrderEvent.Kind.REFUNDED, actor=staff, line=case.line, message=f"{case.refund_amount} VND"
    )
    case.refund_state, case.refund_paid_at, case.refund_paid_by = RefundState.PAID, timezone.now(), staff
    case.save(update_fields=["refund_state", "refund_paid_at", "refund_paid_by"])
    _record(case, CaseEvent.Kind.REFUND_PAID, actor=staff, amount=case.refund_amount)
    return case


def escalate_overdue(now=None) -> int:
    """Send the cases not answered in time to the moderators' queue's e-mail: each is escalated
    once (claimed with a conditional update), both sides told. Returns how many now."""
    now = now or timezone.now()
    escalated = 0
    for pk in list(Case.objects.overdue(now).filter(escalated_at__isnull=True).values_list("pk", flat=True)):
        with transaction.atomic():
            if not Case.objects.filter(pk=pk, escalated_at__isnull=True).update(escalated_at=now):
                continue  # another worker claimed it
            _record(Case.objects.get(pk=pk), CaseEvent.Kind.ESCALATED)
        escalated += 1
    return escalated


def _record(case: Case, kind: str, *, actor=None, message: str = "", amount: int = 0) -> CaseEvent:
    """The step in the trail, and once committed the e-mails to both sides."""
    event = CaseEvent.objects.create(case=case, kind=kind, actor=actor, message=message, amount=amount)
    transaction.on_commit(lambda: emails.tell_both_sides(event.pk))
    return event
