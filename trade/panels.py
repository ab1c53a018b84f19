"""What the board adds to the home page: the newest open offers and requests."""

from django.conf import settings
from django.db.models import F, OuterRef, Prefetch, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.utils import translation
from wagtail.models import Page

from portal.models import Area

from .models import Offer, OfferPhoto, Request

HOME_ITEMS = 3


def _labelled(posts, language: str):
    """Posts with `category_label` and `area_label` in `language`, read in the posts' own query
    (posts point at default-language categories and areas; readers see their translations)."""
    if language == settings.LANGUAGE_CODE:
        return posts.annotate(category_label=F("category__title"), area_label=F("area__name"))
    category = Page.objects.filter(
        translation_key=OuterRef("category__translation_key"), locale__language_code=language
    )
    area = Area.objects.filter(translation_key=OuterRef("area__translation_key"), locale__language_code=language)
    return posts.annotate(
        category_label=Coalesce(Subquery(category.values("title")[:1]), "category__title"),
        area_label=Coalesce(Subquery(area.values("name")[:1]), "area__name"),
    )


# What `{% image %}` reads of a photo to find its rendition.
PHOTO_IMAGE_FIELDS = tuple(
    f"image__{name}"
    for name in ("file", "file_hash", "description", "width", "height")
    + ("focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height")
)


def _cards(model, language: str):
    """The newest open posts of `model`, with only the columns their cards show."""
    posts = _labelled(model.objects.open(), language).only(*model.CARD_FIELDS, model.END_DATE_FIELD)
    return list(posts.order_by("-published_at", "-pk")[:HOME_ITEMS])


def home_section_context(request, home_page) -> dict:
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    offers = _cards(Offer, language)
    photos = OfferPhoto.objects.select_related("image").only("offer_id", "sort_order", *PHOTO_IMAGE_FIELDS)
    prefetch_related_objects(offers, Prefetch("photos", photos))
    return {"offers": offers, "requests": _cards(Request, language)}
