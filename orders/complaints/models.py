"""A complaint or return request on one order line, its photos, its timestamped trail, and the
site setting that says how long buyers may complain and businesses may take to answer."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

MAX_TEXT = 2000
DEFAULT_WINDOW_DAYS = 7
DEFAULT_ANSWER_DAYS = 3


@register_setting(icon="warning")
class ComplaintSettings(BaseSiteSetting):
    window_days = models.PositiveSmallIntegerField(
        _("days to complain after delivery"),
        default=DEFAULT_WINDOW_DAYS,
        help_text=_("A buyer may open a complaint or return request this many days after an item is delivered."),
    )
    answer_days = models.PositiveSmallIntegerField(
        _("days for the business to answer"),
        default=DEFAULT_ANSWER_DAYS,
        help_text=_("Unanswered after this many days, a case goes to the moderators."),
    )

    panels = [FieldPanel("window_days"), FieldPanel("answer_days")]

    class Meta:
        verbose_name = _("complaints and returns")


class CaseKind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    RETURN = "return", _("Return request")


class Reason(models.TextChoices):
    NOT_RECEIVED = "not_received", _("Not received")
    DAMAGED = "damaged", _("Arrived damaged")
    WRONG_ITEM = "wrong_item", _("Wrong item")
    NOT_AS_DESCRIBED = "not_as_described", _("Not as described")
    QUALITY = "quality", _("Poor quality or spoiled")
    CHANGED_MIND = "changed_mind", _("Changed my mind (returns only)")
    OTHER = "other", _("Something else")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Waiting for the business")
    ANSWERED = "answered", _("Answered: waiting for the buyer")
    DISPUTED = "disputed", _("Disputed: with the moderators")
    CLOSED = "closed", _("Closed")


class Answer(models.TextChoices):
    """What the business proposes, and what a moderator may decide."""

    REFUND = "refund", _("Refund")
    RETURN_REFUND = "return_refund", _("Return, then refund")
    REJECT = "reject", _("Rejected")


class RefundState(models.TextChoices):
    NONE = "", _("No refund")
    TO_PAY = "to_pay", _("To pay by staff")
    PAID = "paid", _("Paid by staff")
    CARD = "card", _("Refunded to the card")


class CaseQuerySet(models.QuerySet):
    def overdue(self, now=None):
        """Open cases the business has not answered by the deadline."""
        return self.filter(status=CaseStatus.OPEN, answer_due_at__lt=now or timezone.now())

    def needs_moderator(self, now=None):
        """The moderators' queue: overdue or disputed cases, oldest deadline first."""
        return self.filter(
            Q(status=CaseStatus.DISPUTED) | Q(status=CaseStatus.OPEN, answer_due_at__lt=now or timezone.now())
        ).order_by("answer_due_at", "pk")

    def open(self):
        return self.exclude(status=CaseStatus.CLOSED)

    def for_producer(self, producer):
        """A business's cases, whichever language's page of it the lines name."""
        return self.filter(line__producer__translation_key=producer.translation_key)

    def refunds_to_pay(self):
        return self.filter(refund_state=RefundState.TO_PAY)


class Case(models.Model):
    line = models.ForeignKey(
        "orders.OrderLine", on_delete=models.CASCADE, related_name="cases", verbose_name=_("order line")
    )
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("buyer")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=CaseKind.choices)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    description = models.TextField(_("description"), max_length=MAX_TEXT)
    status = models.CharField(_("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now, db_index=True)
    # Fixed when the case opens, from the setting then in force: a later change of the setting
    # does not move a deadline already given.
    answer_due_at = models.DateTimeField(_("answer due by"), db_index=True)

    answer = models.CharField(_("the business's answer"), max_length=16, choices=Answer.choices, blank=True)
    answer_text = models.TextField(_("the business's reasons"), max_length=MAX_TEXT, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    buyer_response_at = models.DateTimeField(_("buyer responded at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("sent to moderators at"), null=True, blank=True)

    outcome = models.CharField(_("outcome"), max_length=16, choices=Answer.choices, blank=True)
    decided_by_moderator = models.BooleanField(_("decided by a moderator"), default=False)
    decision_reason = models.TextField(_("reason for the decision"), max_length=MAX_TEXT, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    refund_amount = models.PositiveBigIntegerField(_("refund (đồng)"), default=0)
    refund_state = models.CharField(
        _("refund"), max_length=8, choices=RefundState.choices, default=RefundState.NONE, blank=True
    )
    stripe_refund = models.ForeignKey(
        "orders.Refund", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    refund_paid_at = models.DateTimeField(_("refund paid at"), null=True, blank=True)
    refund_paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("complaint or return")
        verbose_name_plural = _("complaints and returns")
        ordering = ["-opened_at", "-pk"]
        constraints = [
            # One case in progress per line; a closed case leaves room for none other to reopen it.
            models.UniqueConstraint(
                fields=["line"], condition=~Q(status="closed"), name="complaint_one_open_case_per_line"
            ),
            models.CheckConstraint(
                condition=Q(status="closed") | Q(outcome=""), name="complaint_outcome_only_when_closed"
            ),
        ]

    def __str__(self):
        return f"#{self.pk} {self.get_kind_display()} · {self.line}"

    @property
    def is_overdue(self) -> bool:
        return self.status == CaseStatus.OPEN and self.answer_due_at < timezone.now()

    @property
    def needs_moderator(self) -> bool:
        return self.status == CaseStatus.DISPUTED or self.is_overdue

    @property
    def answered_in_time(self) -> bool:
        return bool(self.answered_at and self.answered_at <= self.answer_due_at)

    @property
    def for_buyer(self) -> bool | None:
        """Who the closed case went for: the buyer (a refund or return), the business, or None while open."""
        if self.status != CaseStatus.CLOSED:
            return None
        return self.outcome != Answer.REJECT


def answer_deadline(opened_at, answer_days: int):
    return opened_at + timedelta(days=answer_days)


class CasePhoto(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return f"photo {self.sort_order + 1} of case {self.case_id}"


class CaseEvent(models.Model):
    """Every step of a case, timestamped: what both sides and the moderators see."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Opened by the buyer")
        ANSWERED = "answered", _("Answered by the business")
        ACCEPTED = "accepted", _("The buyer accepted the answer")
        DISPUTED = "disputed", _("The buyer disputed the answer")
        ESCALATED = "escalated", _("Not answered in time: sent to the moderators")
        DECIDED = "decided", _("Decided by a moderator")
        REFUNDED = "refunded", _("Refunded to the card")
        REFUND_TO_PAY = "refund_to_pay", _("Refund to be paid by staff")
        REFUND_PAID = "refund_paid", _("Refund paid by staff")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    message = models.TextField(blank=True, max_length=MAX_TEXT)
    amount = models.PositiveBigIntegerField(default=0)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"case {self.case_id}: {self.kind}"
