"""What the supply–demand board gives to search: open offers and requests to buy, each in
both languages (see search/documents.py). Hidden, pending, closed and expired posts are absent."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _


def _post_documents(post, kind: str, type_key: str, type_label) -> list:
    from search.documents import Document, languages, translated, translation_key

    if not post.is_open:
        return []
    docs = []
    for locale in languages():
        with translation.override(locale):
            title = post.display_title
            if not title:
                continue
            locale_id = _locale_id(locale)
            category = translated(post.category, locale_id) if post.category_id and locale_id else ""
            area_name = translated(post.area, locale_id, "name") if post.area_id and locale_id else ""
            producer = post.producer.title if post.producer_id else ""
            docs.append(
                Document(
                    kind=kind,
                    locale=locale,
                    object_id=post.pk,
                    url=post.get_absolute_url(),
                    title=title,
                    summary=post.display_description[:300],
                    text=" ".join([post.display_description, category, area_name, producer, post.address]),
                    facets={
                        "post_type": [type_key],
                        "category": [translation_key(post.category)] if post.category_id else [],
                        "area": [translation_key(post.area)] if post.area_id else [],
                    },
                    price=post.price_per_unit,
                    latitude=post.latitude,
                    longitude=post.longitude,
                    expires_on=post.end_date,
                    meta=" · ".join(filter(None, [str(type_label), post.quantity_label, area_name, producer])),
                )
            )
    return docs


def _locale_id(language_code: str):
    from wagtail.models import Locale

    locale = Locale.objects.filter(language_code=language_code).only("pk").first()
    return locale.pk if locale else None


POST_TYPES = {"offer": _("Offer to sell"), "request": _("Request to buy")}


def search_kinds() -> list:
    from catalogue.search import category_facet
    from search.documents import Facet, SearchKind, area_facet, choice_labels
    from trade.models import Offer, Request

    facets = (
        Facet("post_type", _("Offer or request"), labels=choice_labels(list(POST_TYPES.items()))),
        category_facet(),
        area_facet(),
    )

    def open_posts(model):
        return lambda: model.objects.open().select_related("category", "area", "producer")

    return [
        SearchKind(
            name="offers",
            label=_("Offers to sell"),
            models=(Offer,),
            objects=open_posts(Offer),
            to_documents=lambda post: _post_documents(post, "offers", "offer", POST_TYPES["offer"]),
            facets=facets,
            sorts=("relevance", "price_asc", "price_desc", "title", "distance"),
            order=60,
        ),
        SearchKind(
            name="requests",
            label=_("Requests to buy"),
            models=(Request,),
            objects=open_posts(Request),
            to_documents=lambda post: _post_documents(post, "requests", "request", POST_TYPES["request"]),
            facets=facets,
            sorts=("relevance", "price_asc", "price_desc", "title", "distance"),
            order=70,
        ),
    ]
