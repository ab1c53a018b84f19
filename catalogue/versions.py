"""The versions in the keys of the catalogue's cached fragments (see the templates'
{% wagtailcache %} tags): a write bumps the version of what shows the thing it changed, so
that fragment is rendered again on the next request and every other one stays.

- ProductPage.stock_version: the product's detail and JSON-LD (stock, prices, lots, and the
  producer's, category's and area's names shown beside the product's own content);
- CategoryPage.listing_version: a category's product listing (its cards, the filter's areas);
- HomePage.sections_version (portal): the home page's sections, among them featured products.
"""

from collections.abc import Iterable

from django.db.models import F

from portal.models import bump_home_sections

from .models import CategoryPage, ProductPage


def bump_products(product_ids: Iterable[int]) -> None:
    """The detail of each product, in every language."""
    keys = ProductPage.objects.filter(pk__in=list(product_ids)).values("translation_key")
    ProductPage.objects.filter(translation_key__in=keys).update(stock_version=F("stock_version") + 1)


def bump_listings(category_ids: Iterable[int]) -> None:
    """The listings of these categories, in every language."""
    keys = CategoryPage.objects.filter(pk__in=[pk for pk in category_ids if pk]).values("translation_key")
    CategoryPage.objects.filter(translation_key__in=keys).update(listing_version=F("listing_version") + 1)


def product_shown_changed(product_ids: Iterable[int], *, also_categories: Iterable[int] = ()) -> None:
    """Products were published, unpublished, moved or deleted, or their stock or prices
    changed: the listings and home sections that may show them (their own detail follows
    their cache_key and stock_version)."""
    products = ProductPage.objects.filter(pk__in=list(product_ids))
    rows = list(products.values_list("category_id", "locale_id"))
    bump_listings({category for category, _locale in rows} | set(also_categories))
    bump_home_sections({locale for _category, locale in rows})
