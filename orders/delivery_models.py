"""Each business's delivery options (own delivery by area, a carrier's fee table by province or
region, pick-up at the business) and the option a shopper chose for each business of an order.

Imported by orders.models, so Django registers them with the orders app. The fees and dates
are worked out in orders.delivery.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryKind(models.TextChoices):
    OWN = "own", _("Own delivery by area")
    CARRIER = "carrier", _("Carrier")
    PICKUP = "pickup", _("Pick-up at the business")


class CountryRegion(models.TextChoices):
    """The three regions a carrier's fee table may name instead of each province."""

    NORTH = "north", _("Northern Vietnam")
    CENTRAL = "central", _("Central Vietnam and the Highlands")
    SOUTH = "south", _("Southern Vietnam")


class DeliveryProfile(models.Model):
    """What applies to every delivery option of a business."""

    producer = models.OneToOneField(
        "catalogue.ProducerPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("producer")
    )
    free_over = models.PositiveBigIntegerField(
        _("free delivery when the parcel reaches (đồng)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no free delivery."),
    )

    def __str__(self):
        return str(self.producer)


class DeliveryOption(models.Model):
    producer = models.ForeignKey(
        "catalogue.ProducerPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("producer")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=DeliveryKind.choices)
    name = models.CharField(
        _("name shown to shoppers"), max_length=80, blank=True, help_text=_("For example: Viettel Post, our van.")
    )
    suits_perishables = models.BooleanField(
        _("suits fresh goods"),
        default=False,
        help_text=_("Chilled or fast enough for products that keep only a few days."),
    )
    active = models.BooleanField(_("offered"), default=True)
    # A carrier: for the provinces and regions its table does not name.
    default_fee = models.PositiveBigIntegerField(_("fee elsewhere (đồng)"), null=True, blank=True)
    default_days = models.PositiveSmallIntegerField(_("days elsewhere"), null=True, blank=True)
    # Pick-up
    pickup_address = models.CharField(_("pick-up address"), max_length=255, blank=True)
    pickup_hours = models.CharField(_("opening hours"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("delivery option")
        verbose_name_plural = _("delivery options")
        ordering = ["kind", "pk"]

    def __str__(self):
        return self.name or str(self.get_kind_display())


class DeliveryArea(models.Model):
    """One area (former district or town) the business delivers to itself."""

    option = models.ForeignKey(DeliveryOption, on_delete=models.CASCADE, related_name="areas")
    area = models.ForeignKey("portal.Area", on_delete=models.CASCADE, related_name="+", verbose_name=_("area"))
    fee = models.PositiveBigIntegerField(_("fee (đồng)"))
    days = models.PositiveSmallIntegerField(_("days"))

    class Meta:
        ordering = ["area__name"]
        constraints = [models.UniqueConstraint(fields=["option", "area"], name="delivery_area_once")]

    def __str__(self):
        return f"{self.option}: {self.area}"


class CarrierRate(models.Model):
    """A carrier's fee and days to one province, or to a whole region."""

    option = models.ForeignKey(DeliveryOption, on_delete=models.CASCADE, related_name="rates")
    province_code = models.PositiveSmallIntegerField(_("province"), null=True, blank=True)
    region = models.CharField(_("region"), max_length=10, choices=CountryRegion.choices, blank=True)
    fee = models.PositiveBigIntegerField(_("fee (đồng)"))
    days = models.PositiveSmallIntegerField(_("days"))

    class Meta:
        ordering = ["province_code", "region"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(province_code__isnull=True) & ~models.Q(region=""))
                | (models.Q(province_code__isnull=False) & models.Q(region="")),
                name="carrier_rate_province_or_region",
            ),
            models.UniqueConstraint(
                fields=["option", "province_code"],
                condition=models.Q(province_code__isnull=False),
                name="carrier_rate_province_once",
            ),
            models.UniqueConstraint(
                fields=["option", "region"], condition=~models.Q(region=""), name="carrier_rate_region_once"
            ),
        ]

    def __str__(self):
        return f"{self.option}: {self.province_code or self.get_region_display()}"


class OrderDelivery(models.Model):
    """How one business's parcel of an order travels, as the shopper chose and paid for it."""

    order = models.ForeignKey("orders.Order", on_delete=models.CASCADE, related_name="deliveries")
    producer = models.ForeignKey(
        "catalogue.ProducerPage", on_delete=models.PROTECT, related_name="+", verbose_name=_("producer")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=DeliveryKind.choices)
    label = models.CharField(_("delivery"), max_length=200)
    fee = models.PositiveBigIntegerField(_("fee (đồng)"))
    estimated_date = models.DateField(_("estimated delivery"), null=True, blank=True)
    pickup_address = models.CharField(_("pick-up address"), max_length=255, blank=True)
    pickup_hours = models.CharField(_("opening hours"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("delivery of an order")
        verbose_name_plural = _("deliveries of orders")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["order", "producer"], name="order_delivery_per_producer")]

    def __str__(self):
        return f"{self.order_id}: {self.label}"
