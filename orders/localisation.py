"""Cart and order lines in the shopper's language.

An order line keeps the product's title as it was when ordered (in the default language):
that is the record the business fulfils from. Shoppers' pages and e-mails show the
translation of the product (and producer) page in the active language instead, found by
`translation_key` in one query for all the lines, falling back to the stored title.
"""

from collections.abc import Iterable

from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page


def _content_language(language: str | None) -> str | None:
    try:
        return get_supported_content_language_variant(language or translation.get_language())
    except LookupError:
        return None


def titles_in_language(translation_keys: Iterable, language: str | None = None) -> dict:
    """{translation_key: title} of the pages (any type) translated into `language` (default: active).

    One query whatever the number of keys; keys without a page in that language are absent.
    """
    keys = {key for key in translation_keys if key}
    language = _content_language(language)
    if not keys or language is None:
        return {}
    return dict(
        Page.objects.filter(translation_key__in=keys, locale__language_code=language).values_list(
            "translation_key", "title"
        )
    )


def localise_order_lines(lines: Iterable, language: str | None = None) -> list:
    """Give each OrderLine its product and producer titles in `language` (one query).

    The lines should come with `select_related("producer")`; returns them as a list.
    """
    lines = list(lines)
    keys = [line.product_translation_key for line in lines]
    keys += [line.producer.translation_key for line in lines]
    titles = titles_in_language(keys, language)
    for line in lines:
        line.localised_title = titles.get(line.product_translation_key)
        line.localised_producer = titles.get(line.producer.translation_key)
    return lines


def localise_cart_lines(lines: Iterable, language: str | None = None) -> list:
    """Give each CartLine its product and producer titles in `language` (one query)."""
    lines = list(lines)
    products = [line.variant.product for line in lines]
    keys = [p.translation_key for p in products] + [p.producer.translation_key for p in products if p.producer]
    titles = titles_in_language(keys, language)
    for line, product in zip(lines, products, strict=True):
        line.title = titles.get(product.translation_key) or product.title
        if product.producer is not None:
            line.producer_title = titles.get(product.producer.translation_key) or product.producer.title
    return lines


def variant_label(variant, language: str | None = None) -> str:
    """ "Product — variant" in `language`, for messages about one variant."""
    product = variant.product
    title = titles_in_language([product.translation_key], language).get(product.translation_key) or product.title
    return f"{title} — {variant.display_name}"
