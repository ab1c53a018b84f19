"""A review of one delivered order line, its photos, its one answer and its moderation."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_PHOTOS = 3
MAX_TEXT = 2000


class ReviewQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_hidden=False)

    def for_product(self, translation_key):
        """Every language's page of a product shows the same reviews."""
        return self.filter(product_translation_key=translation_key)

    def for_producer(self, producer):
        return self.filter(producer__translation_key=producer.translation_key)

    def summary(self) -> dict:
        """{"average": 4.3 or None, "count": n} in one query."""
        figures = self.aggregate(average=Avg("rating"), count=Count("pk"))
        average = figures["average"]
        return {"average": round(float(average), 1) if average is not None else None, "count": figures["count"]}


class Review(models.Model):
    line = models.OneToOneField(
        "orders.OrderLine", on_delete=models.CASCADE, related_name="review", verbose_name=_("order line")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("buyer")
    )
    producer = models.ForeignKey(
        "catalogue.ProducerPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("producer")
    )
    # The product page's translation_key (from the line): its page in every language shows the review.
    product_translation_key = models.UUIDField(db_index=True, editable=False)
    product_title = models.CharField(_("product"), max_length=255)
    # Shown publicly: the buyer's given name only, never the full name from the order.
    author_name = models.CharField(_("shown as"), max_length=60)
    rating = models.PositiveSmallIntegerField(_("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    text = models.TextField(_("review"), blank=True, max_length=MAX_TEXT)
    language = models.CharField(_("language"), max_length=8, default="vi")
    created_at = models.DateTimeField(_("written at"), default=timezone.now, db_index=True)

    answer = models.TextField(_("the business's answer"), blank=True, max_length=MAX_TEXT)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=255, blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"),
            models.CheckConstraint(
                condition=models.Q(is_hidden=False) | ~models.Q(hidden_reason=""), name="review_hidden_has_reason"
            ),
        ]
        indexes = [models.Index(fields=["product_translation_key", "is_hidden"], name="review_product_idx")]

    def __str__(self):
        return f"{self.product_title} · {self.rating}★ · {self.author_name}"

    @property
    def is_answered(self) -> bool:
        return bool(self.answered_at)


class ReviewPhoto(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return f"photo {self.sort_order + 1} of review {self.review_id}"
