"""Links between the languages of one page: the switcher and hreflang alternates."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool
    exact: bool  # False when we fell back to an ancestor that has a translation


def translated_page_url(page: Page, language_code: str, request=None) -> tuple[str, bool] | None:
    """URL of `page` in another language, or of its nearest ancestor that has one."""
    try:
        locale = Locale.objects.get(language_code=language_code)
    except Locale.DoesNotExist:
        return None
    exact = True
    for candidate in [page, *page.get_ancestors(inclusive=False).reverse()]:
        translation_ = candidate.get_translation_or_none(locale)
        if translation_ is not None and translation_.live and translation_.url_path:
            url = translation_.get_url(request)
            if url:
                return url, exact
        exact = False
    return None


def language_links(request, page: Page | None = None) -> list[LanguageLink]:
    current = translation.get_language() or settings.LANGUAGE_CODE
    links = []
    for code, name in settings.LANGUAGES:
        url, exact = None, True
        if page is not None and getattr(page, "pk", None):
            found = translated_page_url(page, code, request)
            if found:
                url, exact = found
        if url is None:
            path = request.get_full_path() if request else "/"
            url = translate_url(path, code)
            if url == path and code != current:
                url, exact = f"/{code}/", False
        links.append(LanguageLink(code, str(name), url, code == current, exact))
    return links
