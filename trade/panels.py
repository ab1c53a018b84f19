"""What the board adds to the home page: the newest open offers and requests."""

from django.conf import settings
from django.db.models import F, OuterRef, Prefetch, Subquery
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


def home_section_context(request, home_page) -> dict:
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    photos = Prefetch("photos", OfferPhoto.objects.select_related("image"))
    offers = _labelled(Offer.objects.open(), language).prefetch_related(photos).order_by("-published_at", "-pk")
    requests = _labelled(Request.objects.open(), language).order_by("-published_at", "-pk")
    return {"offers": list(offers[:HOME_ITEMS]), "requests": list(requests[:HOME_ITEMS])}
