"""Onboarding a tourism business: its listing (vi + en), its group, its collection, its sign-in.

The same application and approval as a producer (catalogue.onboarding hands tourism types to
this module through the `onboard_tourism_business` hook). What the business gets is a tourism
listing page — a PlacePage for a hotel, homestay, restaurant or tour operator, an AttractionPage
for an attraction operator — published with what the application said, and Wagtail permissions
to change that page only. Its edits wait for a moderator: the moderators' workflow is attached
to the listing itself (editors' own tourism pages stay unmoderated).
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Locale, WorkflowPage

from catalogue.models import ApplicationStatus, BusinessApplication, TourismBusinessType
from catalogue.onboarding import (
    approve_with_access,
    ensure_moderation_workflow,
    unique_child_slug,
    vietnamese_slug,
)

from .models import AttractionPage, AttractionType, PlaceKind, PlacePage, PlaceSubtype, TourismIndexPage

logger = logging.getLogger("xuthanh.tourism")

# What each kind of tourism business keeps: the page type and its fixed fields.
LISTING_FOR_TYPE = {
    TourismBusinessType.HOTEL: (PlacePage, {"place_kind": PlaceKind.STAY, "subtype": PlaceSubtype.HOTEL}),
    TourismBusinessType.HOMESTAY: (PlacePage, {"place_kind": PlaceKind.STAY, "subtype": PlaceSubtype.HOMESTAY}),
    TourismBusinessType.RESTAURANT: (PlacePage, {"place_kind": PlaceKind.EAT, "subtype": PlaceSubtype.RESTAURANT}),
    TourismBusinessType.TOUR_OPERATOR: (
        PlacePage,
        {"place_kind": PlaceKind.TOURS, "subtype": PlaceSubtype.TOUR_OPERATOR},
    ),
    TourismBusinessType.ATTRACTION_OPERATOR: (AttractionPage, {"attraction_type": AttractionType.ENTERTAINMENT}),
}


def tourism_business_group_name(listing) -> str:
    return f"Tourism business: {listing.slug}"


def tourism_indexes() -> tuple[TourismIndexPage, TourismIndexPage | None]:
    """The tourism index in the default language and its English translation."""
    index = TourismIndexPage.objects.filter(locale=Locale.get_default()).order_by("pk").first()
    if index is None:
        raise ValidationError(_("There is no tourism index page yet; create one first."), code="no_index")
    en = Locale.objects.filter(language_code="en").first()
    return index, (index.get_translation_or_none(en) if en else None)


def _publish_new(parent, page, user) -> None:
    now = timezone.now()
    page.live, page.first_published_at, page.last_published_at = True, now, now
    parent.add_child(instance=page)
    log(instance=page, action="wagtail.create", user=user)
    log(instance=page, action="wagtail.publish", user=user)


def onboard_tourism_business(
    application: BusinessApplication,
    approved_by,
    *,
    user=None,
    slug: str | None = None,
    slug_en: str | None = None,
    page_fields: dict | None = None,
    page_fields_en: dict | None = None,
):
    """Approve a tourism application: its listing in both languages, group, collection and sign-in.

    Idempotent: an application already approved returns its listing unchanged.
    `page_fields`/`page_fields_en` add listing content (the demo uses them).
    """
    with transaction.atomic():
        application = BusinessApplication.objects.select_for_update().get(pk=application.pk)
        if application.status == ApplicationStatus.APPROVED and application.listing_id:
            return application.listing.specific
        if application.status == ApplicationStatus.REJECTED:
            raise ValidationError(_("This application was rejected."), code="rejected")
        model, fixed = LISTING_FOR_TYPE[application.business_type]
        index, en_index = tourism_indexes()
        slug = unique_child_slug(index, slug or vietnamese_slug(application.business_name))
        fields = {
            **fixed,
            "intro": application.summary,
            "area": application.area,
            "address": application.address,
            "phone": application.phone,
            "email": application.email,
            **(page_fields or {}),
        }
        listing = model(title=application.business_name, slug=slug, locale=index.locale, owner=approved_by, **fields)
        _publish_new(index, listing, approved_by)
        pages = [listing]
        if en_index is not None:
            # Built directly, as producers are: wagtail-localize takes over at the first English edit.
            fields_en = {**fields, **(page_fields_en or {})}
            if listing.area_id and "area" not in (page_fields_en or {}):
                fields_en["area"] = listing.area.get_translation_or_none(en_index.locale) or listing.area
            title_en = application.business_name_en or application.business_name
            en_page = model(
                title=title_en,
                slug=unique_child_slug(en_index, slug_en or vietnamese_slug(title_en)),
                locale=en_index.locale,
                translation_key=listing.translation_key,
                owner=approved_by,
                **fields_en,
            )
            _publish_new(en_index, en_page, approved_by)
            pages.append(en_page)

        workflow = ensure_moderation_workflow()
        for page in pages:
            WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
        business_user = approve_with_access(
            application,
            approved_by,
            pages=pages,
            group_name=tourism_business_group_name(listing),
            slug=slug,
            user=user,
            listing=listing,
        )
    logger.info("Tourism business %s onboarded by %s as %s", listing.slug, approved_by, business_user)
    return listing
