"""Names of categories and areas in the active language.

Posts point at the default-language CategoryPage and Area; readers see the translation
with the same translation_key. Each map costs one or two queries per request, not one
per post.
"""

from django.conf import settings
from django.utils import translation

from catalogue.models import CategoryPage
from portal.models import Area


def _language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE)[:2]


def default_categories():
    return CategoryPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE).order_by("title")


def default_areas():
    return Area.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("name")


def category_labels() -> dict:
    """{default-language category pk: title in the active language}."""
    rows = list(default_categories().values_list("pk", "translation_key", "title"))
    names = {}
    if _language() != settings.LANGUAGE_CODE:
        names = dict(
            CategoryPage.objects.filter(locale__language_code=_language()).values_list("translation_key", "title")
        )
    return {pk: names.get(key, title) for pk, key, title in rows}


def area_labels() -> dict:
    """{default-language area pk: name in the active language}."""
    rows = list(default_areas().values_list("pk", "translation_key", "name"))
    names = {}
    if _language() != settings.LANGUAGE_CODE:
        names = dict(Area.objects.filter(locale__language_code=_language()).values_list("translation_key", "name"))
    return {pk: names.get(key, name) for pk, key, name in rows}


def label_posts(posts, categories: dict | None = None, areas: dict | None = None):
    """Attach `category_label` and `area_label` to each post (no queries per post)."""
    categories = category_labels() if categories is None else categories
    areas = area_labels() if areas is None else areas
    for post in posts:
        post.category_label = categories.get(post.category_id, "")
        post.area_label = areas.get(post.area_id, "")
    return posts
