"""Writing, answering and hiding reviews, and what product and producer pages show of them.

Every change to a review drops the copies that show it (`drop_shown_copies`, run by the
post_save/post_delete receivers in orders.apps so that the admin's edits count too): the
product's cached detail and JSON-LD fragments follow `stock_version`, and the response cache
keeps the product's page, its producer's and their translations by path.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from catalogue import versions
from catalogue.models import ProductPage
from portal.models import page_cache_paths
from portal.page_cache import invalidate_paths

from ..buyer_photos import save_buyer_photos
from ..models import LineStatus, OrderLine
from .models import MAX_PHOTOS, Review, ReviewPhoto

REVIEW_COLLECTION = "Review photos"
SHOWN_ON_PAGE = 20  # the newest reviews on a product page; the average counts them all
IN_JSON_LD = 5


# --- Buyers ----------------------------------------------------------------------------------


def review_refusal(line: OrderLine) -> ValidationError | None:
    """Why this line cannot be reviewed now, or None."""
    if line.status != LineStatus.DELIVERED:
        return ValidationError(_("You can review an item once it has been delivered."), code="not_delivered")
    if Review.objects.filter(line_id=line.pk).exists():
        return ValidationError(_("You have already reviewed this item."), code="already_reviewed")
    if _product_key(line) is None:
        return ValidationError(_("This product is no longer sold, so it cannot be reviewed."), code="no_product")
    return None


def _product_key(line: OrderLine):
    if line.product_translation_key:
        return line.product_translation_key
    return line.variant.product.translation_key if line.variant_id else None


def shown_name(full_name: str) -> str:
    """The given name (last word of a Vietnamese name) and the initial of the family name."""
    words = full_name.split()
    if not words:
        return str(_("A buyer"))
    if len(words) == 1:
        return words[0][:60]
    return f"{words[-1]} {words[0][0]}."[:60]


@transaction.atomic
def submit_review(line: OrderLine, user, *, rating: int, text: str = "", photos=()) -> Review:
    """The buyer's review of a delivered line, once; photos are uploads already checked by the form."""
    line = OrderLine.objects.select_for_update(of=("self",)).select_related("order", "variant__product").get(pk=line.pk)
    if not user.is_authenticated or line.order.user_id != user.pk:
        raise PermissionDenied("Only the buyer may review this line.")
    refusal = review_refusal(line)
    if refusal is not None:
        raise refusal
    if not 1 <= int(rating) <= 5:
        raise ValidationError(_("Choose from 1 to 5 stars."), code="rating")
    photos = list(photos)
    if len(photos) > MAX_PHOTOS:
        raise ValidationError(_("Add at most %(n)s photos.") % {"n": MAX_PHOTOS}, code="too_many_photos")
    review = Review(
        line=line,
        user=user,
        producer_id=line.producer_id,
        product_translation_key=_product_key(line),
        product_title=line.product_title,
        author_name=shown_name(line.order.name),
        rating=int(rating),
        text=text.strip(),
        language=(translation.get_language() or "vi")[:8],
    )
    review.save()
    title = f"{line.product_title} · {review.author_name}"
    for position, image in enumerate(
        save_buyer_photos(photos, collection_name=REVIEW_COLLECTION, title=title, user=user)
    ):
        ReviewPhoto.objects.create(review=review, image=image, sort_order=position)
    return review


# --- Businesses -------------------------------------------------------------------------------


def reviews_for_business(producer):
    return Review.objects.for_producer(producer).select_related("line__order").prefetch_related("photos__image")


@transaction.atomic
def answer_review(review: Review, producer, user, text: str) -> Review:
    """The business's one answer to a review of its own product."""
    review = Review.objects.select_for_update().select_related("producer").get(pk=review.pk)
    if review.producer.translation_key != producer.translation_key:
        raise PermissionDenied("Another business's review.")
    if review.answered_at is not None:
        raise ValidationError(_("You have already answered this review."), code="already_answered")
    text = text.strip()
    if not text:
        raise ValidationError(_("Write your answer."), code="empty")
    review.answer, review.answered_at, review.answered_by = text, timezone.now(), user
    review.save(update_fields=["answer", "answered_at", "answered_by"])
    return review


# --- Moderators -------------------------------------------------------------------------------


def hide_review(review: Review, moderator, reason: str) -> Review:
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the review is hidden."), code="reason_required")
    review.is_hidden, review.hidden_reason = True, reason[:255]
    review.hidden_at, review.hidden_by = timezone.now(), moderator
    review.save(update_fields=["is_hidden", "hidden_reason", "hidden_at", "hidden_by"])
    return review


# --- What pages show --------------------------------------------------------------------------


def product_reviews(translation_key) -> dict:
    """The average, the count and the newest visible reviews of a product (three queries)."""
    visible = Review.objects.visible().for_product(translation_key)
    summary = visible.summary()
    summary["reviews"] = list(visible.prefetch_related("photos__image")[:SHOWN_ON_PAGE]) if summary["count"] else []
    return summary


def shown_reviews(product) -> dict:
    """`product_reviews` of a page, asked once per request: the reviews panel and the JSON-LD
    show the same figures (memoised on the page instance, which lives for one request)."""
    if not hasattr(product, "_shown_reviews"):
        product._shown_reviews = product_reviews(product.translation_key)
    return product._shown_reviews


def producer_rating(producer) -> dict:
    return Review.objects.visible().for_producer(producer).summary()


def add_reviews_to_json_ld(product, data: dict, request) -> None:
    """schema.org AggregateRating and the newest Reviews in a product's JSON-LD (hook
    `extend_product_json_ld`; only when there is a visible review, as search engines ask)."""
    shown = shown_reviews(product)
    if not shown["count"]:
        return
    data["aggregateRating"] = {
        "@type": "AggregateRating",
        "ratingValue": shown["average"],
        "reviewCount": shown["count"],
        "bestRating": 5,
        "worstRating": 1,
    }
    data["review"] = [
        {
            "@type": "Review",
            "reviewRating": {"@type": "Rating", "ratingValue": review.rating, "bestRating": 5, "worstRating": 1},
            "author": {"@type": "Person", "name": review.author_name},
            "datePublished": timezone.localdate(review.created_at).isoformat(),
            **({"reviewBody": review.text} if review.text else {}),
        }
        for review in shown["reviews"][:IN_JSON_LD]
    ]


def drop_shown_copies(review: Review) -> None:
    """A review was written, answered, hidden, shown again or deleted: the product's page in
    every language (detail fragment, JSON-LD, response copy) and its producer's page show it."""
    products = list(ProductPage.objects.filter(translation_key=review.product_translation_key))
    if not products:
        return
    versions.bump_products([product.pk for product in products])
    invalidate_paths(page_cache_paths(products[0]))  # its translations and ancestors (the producer)
