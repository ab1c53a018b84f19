"""What the catalogue gives to search: products and producers (see search/documents.py)."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _


def _price_facet():
    from search.documents import Facet, RangeBucket

    return Facet(
        "price",
        _("Price"),
        ranges=(
            RangeBucket("0-50000", _("Under 50,000 ₫"), None, 50_000),
            RangeBucket("50000-100000", _("50,000–100,000 ₫"), 50_000, 100_000),
            RangeBucket("100000-200000", _("100,000–200,000 ₫"), 100_000, 200_000),
            RangeBucket("200000-500000", _("200,000–500,000 ₫"), 200_000, 500_000),
            RangeBucket("500000-", _("500,000 ₫ and more"), 500_000, None),
        ),
    )


def product_documents(product) -> list:
    from search.documents import Document, is_public_page, plain, translated, translation_key

    if not is_public_page(product):
        return []
    locale = product.locale.language_code
    producer = product.producer
    area = product.origin_area or (producer.area if producer else None)
    with translation.override(locale):
        category = translated(product.category, product.locale_id) if product.category_id else ""
        area_name = translated(area, product.locale_id, "name") if area else ""
        kinds = sorted({c.kind for c in product.certificates.all()})
        certificates = [str(c.get_kind_display()) for c in product.certificates.all()]
        ocop = [f"{product.ocop_stars}★"] if product.ocop_stars else []
        latitude, longitude = product.latitude, product.longitude
        if latitude is None and producer is not None:
            latitude, longitude = producer.latitude, producer.longitude
        tags = [item.tag.name for item in product.tagged_items.all()]
        return [
            Document(
                kind="products",
                locale=locale,
                object_id=product.pk,
                url=product.get_url() or "",
                title=product.title,
                summary=product.summary,
                text=" ".join(
                    [
                        plain(product.body),
                        producer.title if producer else "",
                        category,
                        area_name,
                        " ".join(tags),
                        product.ingredients,
                        " ".join(sorted(set(certificates))),
                    ]
                ),
                facets={
                    "category": [translation_key(product.category)] if product.category_id else [],
                    "area": [translation_key(area)] if area else [],
                    "ocop": [str(product.ocop_stars)] if product.ocop_stars else [],
                    "certificate": kinds,
                },
                price=product.price_min,
                in_stock=bool(product.in_stock),
                ocop_stars=product.ocop_stars,
                latitude=latitude,
                longitude=longitude,
                meta=" · ".join(filter(None, [producer.title if producer else "", area_name, *ocop])),
            )
        ]


def producer_documents(producer) -> list:
    from search.documents import Document, is_public_page, plain, translated, translation_key

    if not is_public_page(producer):
        return []
    locale = producer.locale.language_code
    with translation.override(locale):
        area_name = translated(producer.area, producer.locale_id, "name") if producer.area_id else ""
        business_type = str(producer.get_business_type_display()) if producer.business_type else ""
        return [
            Document(
                kind="producers",
                locale=locale,
                object_id=producer.pk,
                url=producer.get_url() or "",
                title=producer.title,
                summary=producer.summary,
                text=" ".join([plain(producer.about), area_name, business_type, producer.address]),
                facets={
                    "area": [translation_key(producer.area)] if producer.area_id else [],
                    "business_type": [producer.business_type] if producer.business_type else [],
                },
                latitude=producer.latitude,
                longitude=producer.longitude,
                meta=" · ".join(filter(None, [business_type, area_name])),
            )
        ]


def _ocop_labels(keys: list[str], locale: str) -> dict[str, str]:
    return {key: f"{key}★" for key in keys if key in {"1", "2", "3", "4", "5"}}


def category_facet():
    """Categories by translation key, labelled with the category's title in the request's
    language (the board uses it too)."""
    from catalogue.models import CategoryPage
    from search.documents import Facet, translatable_labels

    return Facet("category", _("Category"), labels=translatable_labels(CategoryPage, "title"), sources=(CategoryPage,))


def search_kinds() -> list:
    from catalogue.models import BusinessType, CertificateKind, ProducerPage, ProductPage
    from search.documents import Facet, SearchKind, area_facet, choice_labels

    return [
        SearchKind(
            name="products",
            label=_("Products"),
            models=(ProductPage,),
            objects=lambda: ProductPage.objects.live()
            .public()
            .select_related("locale", "producer", "producer__area", "origin_area", "category")
            .prefetch_related("certificates", "tagged_items__tag"),
            to_documents=product_documents,
            facets=(
                category_facet(),
                area_facet(),
                Facet("ocop", _("OCOP stars"), labels=_ocop_labels),
                Facet("certificate", _("Certificate"), labels=choice_labels(CertificateKind)),
                _price_facet(),
            ),
            sorts=("relevance", "price_asc", "price_desc", "title", "distance"),
            order=10,
            boost_popular=True,
        ),
        SearchKind(
            name="producers",
            label=_("Producers"),
            models=(ProducerPage,),
            objects=lambda: ProducerPage.objects.live().public().select_related("locale", "area"),
            to_documents=producer_documents,
            facets=(area_facet(), Facet("business_type", _("Business type"), labels=choice_labels(BusinessType))),
            sorts=("relevance", "title", "distance"),
            order=20,
        ),
    ]
