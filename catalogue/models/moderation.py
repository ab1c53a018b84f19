"""Listings a moderator has taken down, and what the public reports about listings.

Both point at their listing generically (a product or producer page, or a board post of the
trade app, which the catalogue does not import)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TakedownQuerySet(models.QuerySet):
    def active(self):
        return self.filter(restored_at__isnull=True)

    def of(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False), object_id=obj.pk
        )


class Takedown(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    listing = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("listing"), max_length=255)
    reason = models.TextField(_("reason"))
    taken_down_at = models.DateTimeField(_("taken down at"), auto_now_add=True)
    taken_down_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken down by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The pages it unpublished (a producer takes its products with it), republished on restore.
    pages = models.ManyToManyField("wagtailcore.Page", editable=False, related_name="+")
    # {page id: the revision that was live}, published again on restore (never a newer draft).
    live_revisions = models.JSONField(default=dict, editable=False)
    restored_at = models.DateTimeField(_("restored at"), null=True, blank=True)
    restored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("restored by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = TakedownQuerySet.as_manager()

    class Meta:
        verbose_name = _("takedown")
        verbose_name_plural = _("takedowns")
        ordering = ["-taken_down_at"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="takedown_target_idx")]

    def __str__(self):
        return self.title

    @property
    def is_active(self) -> bool:
        return self.restored_at is None


class ReportReason(models.TextChoices):
    FAKE = "fake", _("Counterfeit or fake goods")
    PROHIBITED = "prohibited", _("Prohibited or unlicensed goods")
    MISLEADING = "misleading", _("Misleading description or price")
    SCAM = "scam", _("Suspected scam")
    OFFENSIVE = "offensive", _("Offensive content")
    OTHER = "other", _("Something else")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DISMISSED = "dismissed", _("Dismissed")
    ACTED = "acted", _("Acted on")


class ListingReport(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    listing = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("listing"), max_length=255)
    url = models.CharField(_("address"), max_length=500, blank=True)
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason.choices)
    details = models.TextField(_("what is wrong"), max_length=2000, blank=True)
    contact = models.CharField(
        _("your e-mail or phone (optional)"), max_length=120, blank=True, help_text=_("Only if you want an answer.")
    )
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("listing report")
        verbose_name_plural = _("listing reports")
        ordering = ["status", "-created_at"]

    def __str__(self):
        return f"{self.title} ({self.get_reason_display()})"
