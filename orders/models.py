"""Orders, their lines (one per variant, fulfilled by its producer), payments and shipping fees."""

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from portal.places import province_name, ward_name
from traceability.models import BatchStatus

from .localisation import localise_order_lines


class PaymentMethod(models.TextChoices):
    CARD = "card", _("Card (Stripe)")
    VIETQR = "vietqr", _("Bank transfer (VietQR)")
    COD = "cod", _("Cash on delivery")


class OrderStatus(models.TextChoices):
    AWAITING_PAYMENT = "awaiting_payment", _("Awaiting payment")
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired (not paid in time)")


class PaymentStatus(models.TextChoices):
    UNPAID = "unpaid", _("Unpaid")
    PAID = "paid", _("Paid")
    PARTIALLY_REFUNDED = "partially_refunded", _("Partly refunded")
    REFUNDED = "refunded", _("Refunded")


class LineStatus(models.TextChoices):
    # With a context: "Pending" alone is also a moderation state elsewhere on the site.
    PENDING = "pending", pgettext_lazy("order line status", "Pending")
    PACKED = "packed", pgettext_lazy("order line status", "Packed")
    SHIPPED = "shipped", pgettext_lazy("order line status", "Shipped")
    DELIVERED = "delivered", pgettext_lazy("order line status", "Delivered")
    CANCELLED = "cancelled", pgettext_lazy("order line status", "Cancelled")


# Allowed moves of a line; cancelling is possible until the parcel leaves.
LINE_TRANSITIONS = {
    LineStatus.PENDING: {LineStatus.PACKED, LineStatus.CANCELLED},
    LineStatus.PACKED: {LineStatus.SHIPPED, LineStatus.CANCELLED},
    LineStatus.SHIPPED: {LineStatus.DELIVERED},
    LineStatus.DELIVERED: set(),
    LineStatus.CANCELLED: set(),
}


# Lines whose items left the shelf: a recall of their batch concerns the buyer.
RECALL_REACHES = (LineStatus.PACKED, LineStatus.SHIPPED, LineStatus.DELIVERED)


class OrderQuerySet(models.QuerySet):
    def awaiting_payment(self):
        return self.filter(status=OrderStatus.AWAITING_PAYMENT)

    def overdue(self, now=None):
        """Unpaid card and transfer orders older than ORDER_PAYMENT_TIMEOUT_MINUTES."""
        now = now or timezone.now()
        cutoff = now - timezone.timedelta(minutes=settings.ORDER_PAYMENT_TIMEOUT_MINUTES)
        return self.awaiting_payment().filter(
            payment_method__in=[PaymentMethod.CARD, PaymentMethod.VIETQR], created_at__lt=cutoff
        )


class Order(models.Model):
    code = models.CharField(_("order code"), max_length=12, unique=True, editable=False)
    # The hidden token of the checkout form: the same submission twice finds this order.
    idempotency_token = models.CharField(max_length=64, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="orders"
    )
    language = models.CharField(_("language"), max_length=8, default="vi")
    status = models.CharField(
        _("status"), max_length=20, choices=OrderStatus.choices, default=OrderStatus.AWAITING_PAYMENT
    )
    payment_method = models.CharField(_("payment method"), max_length=10, choices=PaymentMethod.choices)
    payment_status = models.CharField(
        _("payment status"), max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.UNPAID
    )
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    refunded_amount = models.PositiveBigIntegerField(_("refunded (đồng)"), default=0)
    stripe_payment_intent_id = models.CharField(max_length=64, blank=True, db_index=True)

    name = models.CharField(_("name"), max_length=120)
    phone = models.CharField(_("phone"), max_length=12, help_text=_("Normalised: 0 and nine digits."))
    email = models.EmailField(_("e-mail"), blank=True)
    province_code = models.PositiveIntegerField(_("province"))
    ward_code = models.PositiveIntegerField(_("ward or commune"))
    street = models.CharField(_("street address"), max_length=255)
    note = models.TextField(_("delivery note"), blank=True, max_length=1000)
    # Set when the buyer deleted their account: phone and e-mail are erased, name and address are
    # kept for accounting until this date (accounts.data_rights), then they may go too.
    personal_data_retained_until = models.DateField(_("personal data retained until"), null=True, blank=True)

    # A company invoice (e-invoice) asked for at checkout; empty tax code: none asked for.
    invoice_company_name = models.CharField(_("invoice: company name"), max_length=255, blank=True)
    invoice_tax_code = models.CharField(_("invoice: tax code"), max_length=14, blank=True)
    invoice_address = models.CharField(_("invoice: company address"), max_length=255, blank=True)
    invoice_email = models.EmailField(_("invoice: e-mail"), blank=True)

    subtotal = models.PositiveBigIntegerField(_("subtotal (đồng)"))
    shipping_total = models.PositiveBigIntegerField(_("shipping (đồng)"))
    total = models.PositiveBigIntegerField(_("total (đồng)"))

    created_at = models.DateTimeField(_("placed at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-created_at"]
        permissions = [("manage_all_orders", _("Can see and manage every business's orders"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total=models.F("subtotal") + models.F("shipping_total")), name="order_total_sum"
            ),
        ]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        from django.urls import reverse

        with translation.override(self.language):
            return reverse("orders:order_detail", kwargs={"code": self.code})

    @property
    def is_paid(self) -> bool:
        return self.payment_status != PaymentStatus.UNPAID

    @property
    def wants_company_invoice(self) -> bool:
        return bool(self.invoice_tax_code)

    @property
    def address_display(self) -> str:
        return ", ".join(p for p in (self.street, ward_name(self.ward_code), province_name(self.province_code)) if p)

    def recalled_lines(self) -> list:
        """Lines packed or sent from a batch since recalled, in the active language (one query
        and the titles'): what the order page warns the buyer about."""
        lines = (
            self.lines.filter(batch__status=BatchStatus.RECALLED, status__in=RECALL_REACHES)
            .select_related("batch", "producer")
            .order_by("pk")
        )
        return localise_order_lines(lines)

    @property
    def expires_at(self):
        if self.status != OrderStatus.AWAITING_PAYMENT:
            return None
        return self.created_at + timezone.timedelta(minutes=settings.ORDER_PAYMENT_TIMEOUT_MINUTES)


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines", verbose_name=_("order"))
    variant = models.ForeignKey(
        "catalogue.ProductVariant", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("variant")
    )
    producer = models.ForeignKey(
        "catalogue.ProducerPage", on_delete=models.PROTECT, related_name="+", verbose_name=_("producer")
    )
    # Snapshots: what the shopper saw and paid, whatever the catalogue says later.
    product_title = models.CharField(_("product"), max_length=255)
    variant_name = models.CharField(_("variant"), max_length=120)
    variant_name_en = models.CharField(_("variant in English"), max_length=120, blank=True)
    # The product page's translation_key: shoppers see the product's title in their own
    # language (`orders.localisation`), even after the variant is deleted.
    product_translation_key = models.UUIDField(null=True, blank=True, editable=False)
    sku = models.CharField(_("SKU"), max_length=64)
    unit_price = models.PositiveBigIntegerField(_("unit price (đồng)"))
    quantity = models.PositiveIntegerField(_("quantity"))
    status = models.CharField(_("status"), max_length=20, choices=LineStatus.choices, default=LineStatus.PENDING)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    # Which lot was shipped, so that a recall reaches the buyers of that batch.
    batch = models.ForeignKey(
        "traceability.Batch",
        verbose_name=_("batch shipped"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="order_lines",
    )
    # Entered by the business when it ships (seller workspace); shown in the buyer's order timeline.
    carrier = models.CharField(_("carrier"), max_length=80, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=80, blank=True)
    # When the buyer was told that this line's batch is recalled: they are told once.
    recall_notified_at = models.DateTimeField(_("buyer told of the recall"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["-order__created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="orderline_quantity_positive"),
            models.UniqueConstraint(fields=["order", "variant"], name="orderline_one_per_variant"),
        ]

    def __str__(self):
        return f"{self.order.code} · {self.product_title} — {self.variant_name} × {self.quantity}"

    @property
    def line_total(self) -> int:
        return self.unit_price * self.quantity

    # What shoppers see: in their language once `localise_order_lines` has run, else the record.
    localised_title = None
    localised_producer = None

    @property
    def display_title(self) -> str:
        return self.localised_title or self.product_title

    @property
    def display_variant_name(self) -> str:
        if self.variant_name_en and (translation.get_language() or "").startswith("en"):
            return self.variant_name_en
        return self.variant_name

    @property
    def display_producer(self) -> str:
        return self.localised_producer or self.producer.title

    def allowed_transitions(self) -> set[str]:
        return LINE_TRANSITIONS[LineStatus(self.status)]


class OrderEvent(models.Model):
    """The order's history, shown on its page and in the admin; also an audit trail."""

    class Kind(models.TextChoices):
        PLACED = "placed", _("Order placed")
        PAID = "paid", _("Payment received")
        PAYMENT_FAILED = "payment_failed", _("Payment failed")
        REFUNDED = "refunded", _("Refund")
        LINE_STATUS = "line_status", _("Item status changed")
        CANCELLED = "cancelled", _("Order cancelled")
        EXPIRED = "expired", _("Order expired")
        COMPLAINT = "complaint", _("Complaint or return")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    message = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    # A line's move (kind LINE_STATUS): which line and the status it reached, for the buyer's timeline.
    line = models.ForeignKey(OrderLine, null=True, blank=True, on_delete=models.SET_NULL, related_name="events")
    line_status = models.CharField(max_length=20, choices=LineStatus.choices, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.order_id}: {self.kind}"


class StripeEvent(models.Model):
    """Every Stripe event applied, by id: a repeated delivery finds its row and does nothing."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    payment_intent_id = models.CharField(max_length=64, blank=True, db_index=True)
    order = models.ForeignKey(Order, null=True, blank=True, on_delete=models.SET_NULL, related_name="stripe_events")
    created = models.DateTimeField(help_text="When Stripe created the event.")
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created", "pk"]

    def __str__(self):
        return f"{self.event_id} ({self.type})"


class Refund(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="refunds")
    stripe_refund_id = models.CharField(max_length=64, unique=True)
    amount = models.PositiveBigIntegerField(_("amount (đồng)"))
    status = models.CharField(max_length=30)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")

    def __str__(self):
        return f"{self.stripe_refund_id} ({self.amount})"


class ShippingRate(models.Model):
    """Shipping fee per producer (one parcel each). A row with no producer is the default."""

    producer = models.OneToOneField(
        "catalogue.ProducerPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("producer"),
        help_text=_("Leave empty for the default rate used by every producer without its own."),
    )
    fee_in_province = models.PositiveBigIntegerField(_("fee within the province (đồng)"), default=25_000)
    fee_elsewhere = models.PositiveBigIntegerField(_("fee to other provinces (đồng)"), default=40_000)
    free_over = models.PositiveBigIntegerField(
        _("free when the parcel reaches (đồng)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no free shipping."),
    )

    panels = [
        FieldPanel("producer"),
        FieldRowPanel([FieldPanel("fee_in_province"), FieldPanel("fee_elsewhere")]),
        FieldPanel("free_over"),
    ]

    class Meta:
        verbose_name = _("shipping rate")
        verbose_name_plural = _("shipping rates")

    def __str__(self):
        return str(self.producer) if self.producer_id else str(_("Default rate"))

    def fee_for(self, subtotal: int, province_code: int) -> int:
        if self.free_over and subtotal >= self.free_over:
            return 0
        return self.fee_in_province if province_code == settings.PROVINCE_CODE else self.fee_elsewhere


class SavedCart(models.Model):
    """A signed-in shopper's cart, so it survives logging out and is merged at the next login."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_cart")
    items = models.JSONField(default=dict)  # {"<variant id>": quantity}
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"cart of user {self.user_id}"


class TransferOutcome(models.TextChoices):
    PAID = "paid", _("Order paid")
    PARTIAL = "partial", _("Less than the order total")
    EXCESS = "excess", _("More than the order total")
    LATE = "late", _("Order expired or cancelled")
    ALREADY_PAID = "already_paid", _("Order already paid")
    UNMATCHED = "unmatched", _("No order with this code")
    NOT_SUCCESSFUL = "not_successful", _("Not a successful transfer")


class TransferNotificationQuerySet(models.QuerySet):
    def needing_review(self):
        return self.filter(needs_review=True)


class TransferNotification(models.Model):
    """A bank transfer reported by the notification service's signed webhook (PayOS), kept
    whatever it matched: the provider's reference is unique, so a repeated delivery changes
    nothing. Anything but an exact, timely payment is flagged for staff."""

    provider = models.CharField(_("provider"), max_length=20, default="payos")
    reference = models.CharField(_("bank reference"), max_length=100)
    provider_order_code = models.BigIntegerField(_("provider's order code"), null=True, blank=True)
    description = models.CharField(_("transfer description"), max_length=255, blank=True)
    amount = models.PositiveBigIntegerField(_("amount (đồng)"))
    account_number = models.CharField(_("account credited"), max_length=40, blank=True)
    counter_account_name = models.CharField(_("sender's name"), max_length=120, blank=True)
    counter_account_number = models.CharField(_("sender's account"), max_length=40, blank=True)
    transferred_at = models.CharField(_("transfer time (as the bank wrote it)"), max_length=40, blank=True)
    order = models.ForeignKey(
        Order,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="transfer_notifications",
        verbose_name=_("order"),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=TransferOutcome.choices)
    # Staff untick it once they have dealt with the money (refund, manual confirmation, …);
    # the admin's history of the row says who did.
    needs_review = models.BooleanField(_("needs staff review"), default=False, db_index=True)
    payload = models.JSONField(_("webhook data"), default=dict, editable=False)
    received_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)

    objects = TransferNotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("transfer notification")
        verbose_name_plural = _("transfer notifications")
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "reference"], name="transfer_notification_once"),
        ]

    def __str__(self):
        return f"{self.reference} ({self.amount})"


# Models kept in their own modules, imported here so that Django registers them: delivery options
# and each order's chosen delivery (orders.delivery works them out), reviews of delivered lines.
from .complaints.models import Case, CaseEvent, CasePhoto, ComplaintSettings  # noqa: E402, F401
from .delivery_models import (  # noqa: E402, F401
    CarrierRate,
    DeliveryArea,
    DeliveryKind,
    DeliveryOption,
    DeliveryProfile,
    OrderDelivery,
)
from .reviews.models import Review, ReviewPhoto  # noqa: E402, F401
