"""Takedown: a moderator withdraws a listing (a product, a producer with its products, or a
board post) with a reason the business reads, and may restore it.

A page is unpublished in every language, so it leaves public pages, listings, search and the
sitemap at once (Wagtail's own unpublish, whose signals drop the cached copies); it answers
404 like any page that is not live, and cannot be published again until it is restored. Other
apps take down their own listings through the `take_down_listing` and `restore_listing` hooks.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page

from .models import ListingReport, ProducerPage, ReportStatus, Takedown
from .permissions import is_moderator

# What may be reported and taken down, by the name used in URLs: (app label, model).
LISTING_KINDS = {
    "product": ("catalogue", "productpage"),
    "producer": ("catalogue", "producerpage"),
    "offer": ("trade", "offer"),
    "request": ("trade", "request"),
}


def listing_content_type(kind: str) -> ContentType | None:
    natural_key = LISTING_KINDS.get(kind)
    return ContentType.objects.get_by_natural_key(*natural_key) if natural_key else None


def is_listing_type(content_type: ContentType) -> bool:
    return (content_type.app_label, content_type.model) in LISTING_KINDS.values()


def _pages_of(page: Page) -> list[Page]:
    """The page in every language, with everything below it (a producer's products)."""
    pages = []
    for translation in page.get_translations(inclusive=True):
        pages += list(translation.get_descendants(inclusive=True).specific())
    return pages


def _hook(name: str, *args) -> bool:
    return any(handler(*args) for handler in hooks.get_hooks(name))


@transaction.atomic
def take_down(listing, moderator, reason: str) -> Takedown:
    if not is_moderator(moderator):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason; the business reads it."), code="no_reason")
    existing = Takedown.objects.active().of(listing).first()
    if existing is not None:
        return existing
    takedown = Takedown.objects.create(
        content_type=ContentType.objects.get_for_model(listing, for_concrete_model=False),
        object_id=listing.pk,
        title=str(listing)[:255],
        reason=reason,
        taken_down_by=moderator,
    )
    if isinstance(listing, Page):
        live = [page for page in _pages_of(listing) if page.live]
        takedown.live_revisions = {str(page.pk): page.live_revision_id for page in live}
        takedown.save(update_fields=["live_revisions"])
        takedown.pages.set([page.pk for page in _pages_of(listing)])
        for page in live:
            page.unpublish(user=moderator)
    elif not _hook("take_down_listing", listing, moderator, reason):
        raise ValueError(f"no takedown for {listing!r}")
    reports_on(listing).filter(status=ReportStatus.OPEN).update(
        status=ReportStatus.ACTED, decided_at=timezone.now(), decided_by=moderator
    )
    return takedown


@transaction.atomic
def restore(takedown: Takedown, moderator) -> None:
    """Put back what was live when it was taken down (the same revisions)."""
    if not is_moderator(moderator):
        raise PermissionDenied
    if not takedown.is_active:
        return
    takedown.restored_at, takedown.restored_by = timezone.now(), moderator
    takedown.save(update_fields=["restored_at", "restored_by"])
    listing = takedown.listing
    if isinstance(listing, Page):
        for page in Page.objects.filter(pk__in=[int(pk) for pk in takedown.live_revisions]).specific():
            revision = page.revisions.filter(pk=takedown.live_revisions[str(page.pk)]).first()
            # A page made live without a revision (onboarding, the demo) still holds in its row
            # what was live: the workspace refuses edits to a taken-down listing.
            (revision or page.save_revision(user=moderator, log_action=False)).publish(user=moderator)
    elif listing is not None:
        _hook("restore_listing", listing, moderator)


def active_takedown_of_page(page: Page) -> Takedown | None:
    """The takedown that keeps `page` off the site: its own, or its producer's."""
    if page.pk is None:
        return None
    covered = Q(pages=page.pk)
    producer_id = getattr(page, "producer_id", None)
    if producer_id:
        covered |= Q(pages=producer_id)
    return Takedown.objects.active().filter(covered).first()


def reports_on(listing):
    return ListingReport.objects.filter(
        content_type=ContentType.objects.get_for_model(listing, for_concrete_model=False), object_id=listing.pk
    )


def takedowns_for_business(producer: ProducerPage, posts=()) -> list[Takedown]:
    """What a moderator has taken down of this business: its page or products (a takedown
    covers every language, so the default-language tree finds it) and its board posts."""
    query = Q(pages__path__startswith=producer.path)
    for post in posts:
        query |= Q(content_type=ContentType.objects.get_for_model(post), object_id=post.pk)
    return list(Takedown.objects.filter(query).distinct().order_by("-taken_down_at"))
