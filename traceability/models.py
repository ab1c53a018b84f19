"""Models of the traceability app: locations, batches, append-only trace events, scans."""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.gtin import is_valid_gtin
from portal.places import validate_coordinates
from portal.quantities import quantity_with_unit

from .vocabulary import CBV_DISPOSITIONS, Activity, EventAction, EventType, biz_step_label, disposition_label

# 8 random bytes → 11 URL-safe characters: 2^64 codes, unguessable and short for a QR.
PUBLIC_CODE_BYTES = 8


def new_public_code() -> str:
    return secrets.token_urlsafe(PUBLIC_CODE_BYTES)


def validate_gln(value: str) -> None:
    if value and not (len(value) == 13 and is_valid_gtin(value.zfill(14)) and value.isdigit()):
        raise ValidationError(_("A GLN has 13 digits with a valid check digit."), code="gln")


class LocationKind(models.TextChoices):
    FARM = "farm", _("Farm or field")
    PROCESSING = "processing", _("Processing facility")
    WAREHOUSE = "warehouse", _("Warehouse")
    STORE = "store", _("Store")


class LocationQuerySet(models.QuerySet):
    def for_producer(self, producer):
        return self.filter(producer__translation_key=producer.translation_key)


class Location(models.Model):
    """A place where things happen to a batch: a field, a kitchen, a store."""

    producer = models.ForeignKey(
        "catalogue.ProducerPage", verbose_name=_("producer"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=LocationKind.choices)
    address = models.CharField(_("address"), max_length=255, blank=True)
    area = models.ForeignKey(
        "portal.Area",
        verbose_name=_("district (area)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    gln = models.CharField(_("GLN"), max_length=13, blank=True, validators=[validate_gln])

    objects = LocationQuerySet.as_manager()

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        try:
            validate_coordinates(self.latitude, self.longitude)
        except ValidationError as error:
            raise ValidationError({"latitude": error.messages}) from error
        if self.pk and self._sealed_facts_changed():
            raise ValidationError(
                _("Recorded events use this location: add a new location instead of changing this one.")
            )

    def _sealed_facts_changed(self) -> bool:
        """Events and batches hash their location's facts (traceability.chain)."""
        from .chain import location_facts

        used = (
            TraceEvent.objects.filter(location=self).exists()
            or Batch.objects.filter(origin=self, chain_length__gt=0).exists()
        )
        if not used:
            return False
        stored = Location.objects.get(pk=self.pk)
        return location_facts(stored) != location_facts(self)

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class BatchStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    RECALLED = "recalled", _("Recalled")


class Unit(models.TextChoices):
    KG = "kg", _("kg")
    TONNE = "t", _("tonnes")
    GRAM = "g", _("g")
    LITRE = "l", _("litres")
    PIECE = "piece", _("pieces")
    PACK = "pack", _("packs")
    BOTTLE = "bottle", _("bottles")
    ROLL = "roll", _("rolls")


# The plural forms of portal.quantities are keyed by noun; these units are stored by symbol.
UNIT_NOUNS = {Unit.TONNE: "tonne", Unit.LITRE: "litre"}


class BatchQuerySet(models.QuerySet):
    def for_producer(self, producer):
        return self.filter(producer__translation_key=producer.translation_key)

    def recalled(self):
        return self.filter(status=BatchStatus.RECALLED)


class Batch(models.Model):
    """A lot: what a producer made together, identified by GTIN + lot number."""

    product = models.ForeignKey(
        "catalogue.ProductPage", verbose_name=_("product"), on_delete=models.PROTECT, related_name="+"
    )
    variant = models.ForeignKey(
        "catalogue.ProductVariant",
        verbose_name=_("variant"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="batches",
    )
    # Copied from the product on save so that admin filters and security checks need no tree walk.
    producer = models.ForeignKey(
        "catalogue.ProducerPage",
        verbose_name=_("producer"),
        null=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Copied from the variant: the GS1 key of the Digital Link, 14 digits, or empty.
    gtin = models.CharField(_("GTIN"), max_length=14, blank=True, editable=False, db_index=True)
    lot_number = models.CharField(
        _("lot number"),
        max_length=20,
        help_text=_("Up to 20 letters without diacritics, digits, dots, dashes or underscores (GS1 AI 10)."),
    )
    production_date = models.DateField(_("production date"))
    expiry_date = models.DateField(_("expiry date"), null=True, blank=True)
    quantity = models.DecimalField(
        _("quantity"), max_digits=12, decimal_places=3, validators=[MinValueValidator(0), MaxValueValidator(10**8)]
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.KG)
    origin = models.ForeignKey(
        Location, verbose_name=_("origin"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=BatchStatus.choices, default=BatchStatus.ACTIVE)
    recall_reason = models.TextField(_("recall reason"), blank=True)
    recalled_at = models.DateTimeField(_("recalled at"), null=True, blank=True, editable=False)
    public_code = models.CharField(
        _("public code"), max_length=24, unique=True, default=new_public_code, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # The signed head of the event chain (traceability.chain): number of events, latest hash
    # (the hash of the batch's facts while it has none) and its Ed25519 signature.
    chain_length = models.PositiveIntegerField(default=0, editable=False)
    chain_head = models.CharField(max_length=64, blank=True, editable=False)
    chain_signature = models.CharField(max_length=100, blank=True, editable=False)

    objects = BatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("batch")
        verbose_name_plural = _("batches")
        ordering = ["-production_date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["product", "lot_number"], name="batch_lot_unique_per_product"),
            models.UniqueConstraint(
                fields=["gtin", "lot_number"], condition=~models.Q(gtin=""), name="batch_lot_unique_per_gtin"
            ),
        ]

    def __str__(self):
        return f"{self.product.title} — {self.lot_number}" if self.product_id else self.lot_number

    def save(self, *args, **kwargs):
        if self.product_id:
            source = self.product.source_product
            self.product = source
            self.producer_id = source.producer_id
        if self.variant_id:
            self.gtin = self.variant.gtin or ""
        if self.pk and Batch.objects.filter(pk=self.pk, chain_length__gt=0).exists():
            self._refuse_changed_facts()
        super().save(*args, **kwargs)
        if not self.chain_length:
            self.seal_genesis()

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("traceability:short", args=[self.public_code])

    def _refuse_changed_facts(self):
        """The chain starts from the batch's facts: once events exist they cannot change."""
        from .chain import batch_facts

        stored = Batch.objects.select_related("origin").get(pk=self.pk)
        if batch_facts(stored) != batch_facts(self):
            raise ValidationError(
                _("This batch has recorded events: its product, lot, dates, quantity and origin are sealed.")
            )

    def seal_genesis(self):
        """Sign the empty chain, which starts from the hash of the batch's facts."""
        from .chain import genesis_hash, sign_batch

        head = genesis_hash(self)
        self.chain_head, self.chain_signature = head, sign_batch(self, 0, head)
        Batch.objects.filter(pk=self.pk, chain_length=0).update(chain_head=head, chain_signature=self.chain_signature)

    def clean(self):
        from .digital_link import validate_lot

        errors = {}
        try:
            validate_lot(self.lot_number)
        except ValidationError as error:
            errors["lot_number"] = error.messages
        if self.variant_id and self.product_id and self.variant.product_id != self.product.source_product.pk:
            errors["variant"] = [_("This variant belongs to another product.")]
        if self.expiry_date and self.production_date and self.expiry_date < self.production_date:
            errors["expiry_date"] = [_("A batch cannot expire before it is made.")]
        if self.pk and not errors and Batch.objects.filter(pk=self.pk, chain_length__gt=0).exists():
            try:
                self._refuse_changed_facts()
            except ValidationError as error:
                errors["__all__"] = error.messages
        if errors:
            raise ValidationError(errors)

    @property
    def quantity_label(self) -> str:
        """ "300 bottles", "1 tonne", "2.5 kg" in the active language."""
        return quantity_with_unit(self.quantity, UNIT_NOUNS.get(self.unit, self.unit), self.get_unit_display())

    @property
    def is_recalled(self) -> bool:
        return self.status == BatchStatus.RECALLED

    def is_expired(self, when=None) -> bool:
        if not self.expiry_date:
            return False
        when = when or timezone.now()
        return timezone.localtime(when).date() > self.expiry_date

    def get_digital_link(self) -> str:
        """The GS1 Digital Link URI of this batch on this site, or the short link without a GTIN."""
        from .digital_link import batch_uri

        return batch_uri(self)

    def verify_chain(self, public_key: str | None = None):
        return TraceEvent.objects.verify_chain(self, public_key)


class TraceEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Trace events are append-only: record a correcting event instead.")

    def delete(self):
        raise PermissionError("Trace events are append-only: record a correcting event instead.")

    def for_producer(self, producer):
        return self.filter(batch__producer__translation_key=producer.translation_key)

    def verify_chain(self, batch, public_key: str | None = None):
        """Recompute the chain of a batch: (True, None) or (False, first broken event)."""
        from .chain import verify_events

        batch = Batch.objects.select_related("origin").get(pk=batch.pk)
        events = list(self.filter(batch=batch).select_related("location").order_by("sequence"))
        return verify_events(batch, events, public_key)


class TraceEvent(models.Model):
    """One EPCIS 2.0 event about a batch. Append-only, chained by SHA-256.

    Each event's `record_hash` is SHA-256 over the previous event's hash and this event's
    canonical JSON (`traceability.chain`); a changed row breaks the chain at that event.
    """

    batch = models.ForeignKey(Batch, verbose_name=_("batch"), on_delete=models.PROTECT, related_name="events")
    sequence = models.PositiveIntegerField(_("position in the chain"), editable=False)
    event_type = models.CharField(_("event type"), max_length=24, choices=EventType.choices, default=EventType.OBJECT)
    # Empty for transformation events, which have no action in EPCIS 2.0.
    action = models.CharField(_("action"), max_length=8, choices=EventAction.choices, blank=True)
    # A CBV bare word ("shipping"), one of our own steps ("harvesting") or a foreign URI (capture).
    biz_step = models.CharField(_("business step"), max_length=200)
    disposition = models.CharField(
        _("disposition"), max_length=40, choices=[(d, d) for d in CBV_DISPOSITIONS], blank=True
    )
    # What the farmer calls the step (planting, spraying…), mapped onto a business step.
    activity = models.CharField(_("activity"), max_length=30, choices=Activity.choices, blank=True)
    event_time = models.DateTimeField(_("event time"))
    event_timezone_offset = models.CharField(_("time zone offset"), max_length=6, default="+07:00")
    location = models.ForeignKey(
        Location, verbose_name=_("location"), null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    description_vi = models.TextField(_("description (Vietnamese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    input_product = models.CharField(
        _("input used"), max_length=200, blank=True, help_text=_("Fertiliser, pesticide or additive, by name.")
    )
    dose = models.CharField(_("dose"), max_length=100, blank=True, help_text=_("e.g. 20 kg/ha, 1 ml/l"))
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3, null=True, blank=True)
    sensor_readings = models.JSONField(
        _("sensor readings"),
        default=list,
        blank=True,
        help_text=_('A list like [{"type": "Temperature", "value": 4.5, "uom": "CEL", "time": "…"}].'),
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects event"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
    # The sender's eventID, or GS1's EPCIS event hash ID (CBV 2.0) of `epcis`.
    event_id = models.CharField(_("event ID"), max_length=255, blank=True, editable=False, db_index=True)
    # GS1's event hash ID of `epcis`, always: an identical event is stored once.
    hash_id = models.CharField(max_length=120, blank=True, editable=False, db_index=True)
    # The event exactly as exported and hashed (EPCIS 2.0 JSON, without recordTime).
    epcis = models.JSONField(default=dict, editable=False)
    # The @context entries (extension prefixes) a captured event was sent with.
    context = models.JSONField(default=list, blank=True, editable=False)
    previous_hash = models.CharField(_("previous hash"), max_length=64, blank=True, editable=False)
    record_hash = models.CharField(_("record hash"), max_length=64, editable=False)

    objects = TraceEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("trace event")
        verbose_name_plural = _("trace events")
        ordering = ["batch", "sequence"]
        constraints = [models.UniqueConstraint(fields=["batch", "sequence"], name="trace_event_sequence_unique")]

    def __str__(self):
        return f"{self.batch} #{self.sequence}: {self.biz_step_label}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Trace events are append-only: record a correcting event instead.")
        if not self.record_hash:
            raise PermissionError("Record trace events with traceability.services.record_event().")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Trace events are append-only: record a correcting event instead.")

    @property
    def biz_step_label(self) -> str:
        return biz_step_label(self.biz_step)

    @property
    def disposition_label(self) -> str:
        return disposition_label(self.disposition) if self.disposition else ""

    @property
    def description(self) -> str:
        from django.utils import translation

        if translation.get_language() == "en" and self.description_en:
            return self.description_en
        return self.description_vi or self.description_en

    @property
    def readings_text(self) -> list[str]:
        """Sensor readings as short lines for the trace page."""
        from django.utils.formats import number_format

        names = {"Temperature": _("Temperature"), "RelativeHumidity": _("Humidity"), "Mass": _("Mass")}
        units = {"CEL": "°C", "P1": "%", "KGM": "kg", "GRM": "g"}
        lines = []
        for r in self.sensor_readings or []:
            value = next((r[k] for k in ("value", "meanValue", "stringValue") if k in r), "")
            if isinstance(value, int | float):
                value = number_format(value, use_l10n=True)
            unit = units.get(r.get("uom", ""), r.get("uom", ""))
            name = names.get(r.get("type"), r.get("type", ""))
            lines.append(f"{name}: {value}{unit if unit in ('°C', '%') else ' ' + unit}".strip())
        return lines

    @property
    def local_time(self):
        return timezone.localtime(self.event_time)


class EventInput(models.Model):
    """An input batch of a transformation event (pork → nem chua)."""

    event = models.ForeignKey(TraceEvent, on_delete=models.CASCADE, related_name="inputs")
    input_batch = models.ForeignKey(Batch, on_delete=models.PROTECT, related_name="used_in")
    quantity = models.DecimalField(max_digits=12, decimal_places=3, null=True, blank=True)

    class Meta:
        verbose_name = _("input batch")
        verbose_name_plural = _("input batches")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.input_batch_id} → {self.event_id}"


class EventAttachment(models.Model):
    """A document (lab certificate) or photo recorded with an event."""

    event = models.ForeignKey(TraceEvent, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    image = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self):
        return self.title or str(self.pk)


class CaptureToken(models.Model):
    """A producer's key for `POST /api/epcis/capture`; only its SHA-256 is stored."""

    producer = models.ForeignKey(
        "catalogue.ProducerPage", verbose_name=_("producer"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("Which system uses it, e.g. the packing line."))
    prefix = models.CharField(_("starts with"), max_length=8, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    read_only = models.BooleanField(
        _("read only (for a partner)"),
        default=False,
        help_text=_("A token you give a partner, such as your distributor: it reads your events and cannot add any."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("EPCIS capture token")
        verbose_name_plural = _("EPCIS capture tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    def set_new_token(self) -> str:
        """Generate a token, keep its hash, and return the raw token (shown once)."""
        raw = "xt_" + secrets.token_urlsafe(32)
        self.prefix = raw[:8]
        self.token_hash = self.hash(raw)
        return raw


class ClientKind(models.TextChoices):
    PHONE = "phone", _("Phone")
    TABLET = "tablet", _("Tablet")
    DESKTOP = "desktop", _("Computer")
    BOT = "bot", _("Bot")
    OTHER = "other", _("Other")


class Scan(models.Model):
    """One resolution of a batch's code. No raw IP: a salted hash identifies the client."""

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="scans")
    scanned_at = models.DateTimeField(db_index=True)
    client_hash = models.CharField(max_length=64)
    client_kind = models.CharField(max_length=10, choices=ClientKind.choices, default=ClientKind.OTHER)
    language = models.CharField(max_length=8, blank=True)
    via = models.CharField(max_length=10, blank=True)  # "dl", "short", "epcis"

    class Meta:
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        indexes = [models.Index(fields=["batch", "scanned_at"])]

    def __str__(self):
        return f"{self.batch_id} @ {self.scanned_at:%Y-%m-%d %H:%M}"


class AlertKind(models.TextChoices):
    BURST = "burst", _("Many scans from many devices in a short time")
    AFTER_EXPIRY = "after_expiry", _("Scanned after its expiry date")


class ScanAlertQuerySet(models.QuerySet):
    def for_producer(self, producer):
        return self.filter(batch__producer__translation_key=producer.translation_key)

    def open(self):
        return self.filter(resolved=False)

    def shown_to_consumers(self):
        """Open alerts the producer or a moderator confirmed: only these warn on the trace page."""
        return self.open().filter(confirmed_at__isnull=False)


class ScanAlert(models.Model):
    """An abnormal scan pattern for one batch. It is the producer's until the producer or a
    moderator confirms it (then the trace page warns consumers) or dismisses it (resolved):
    anyone with a few dozen addresses can make a burst of scans (traceability/alerts.py)."""

    batch = models.ForeignKey(Batch, verbose_name=_("batch"), on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(_("kind"), max_length=20, choices=AlertKind.choices)
    created_at = models.DateTimeField(_("raised at"), default=timezone.now)
    scan_count = models.PositiveIntegerField(_("scans"), default=0)
    distinct_clients = models.PositiveIntegerField(_("distinct devices"), default=0)
    resolved = models.BooleanField(_("resolved"), default=False)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed or dismissed by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ScanAlertQuerySet.as_manager()

    class Meta:
        verbose_name = _("scan alert")
        verbose_name_plural = _("scan alerts")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.batch}: {self.get_kind_display()}"


class ProblemKind(models.TextChoices):
    QUALITY = "quality", _("Quality, taste or smell")
    PACKAGE = "package", _("Damaged or opened package")
    LABEL = "label", _("Label or code does not match")
    HEALTH = "health", _("Someone fell ill")
    OTHER = "other", _("Something else")


class ProblemReport(models.Model):
    """A consumer's report about a batch, sent from its trace page (traceability/reports.py)."""

    MESSAGE_MAX = 2000

    batch = models.ForeignKey(Batch, verbose_name=_("batch"), on_delete=models.CASCADE, related_name="problem_reports")
    kind = models.CharField(_("problem"), max_length=10, choices=ProblemKind.choices)
    message = models.TextField(_("what happened"), max_length=MESSAGE_MAX)
    contact = models.CharField(
        _("your phone or e-mail (optional)"),
        max_length=200,
        blank=True,
        help_text=_("Only the producer and the moderators see it, to answer you."),
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, editable=False)
    resolved = models.BooleanField(_("resolved"), default=False)

    class Meta:
        verbose_name = _("problem report")
        verbose_name_plural = _("problem reports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.batch}: {self.get_kind_display()}"


from .seller_models import EventSubmission  # noqa: E402,F401  (the workspace's event keys, kept in its own module)
