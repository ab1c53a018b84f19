"""Links between the languages of one page: the switcher and hreflang alternates."""

import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page

# Locales are rows written once at setup and read on every page; asking the database each
# time was several queries per request. Cleared on any Locale save or delete.
_locales: dict[str, Locale] = {}


def locale_for(language_code: str) -> Locale | None:
    """The Locale of a language code (cached in the process), or None when there is none."""
    locale = _locales.get(language_code)
    if locale is None:
        locale = Locale.objects.filter(language_code=language_code).first()
        if locale is not None:
            _locales[language_code] = locale
    return locale


def active_locale() -> Locale | None:
    return locale_for(translation.get_language() or settings.LANGUAGE_CODE)


def default_locale() -> Locale | None:
    return locale_for(settings.LANGUAGE_CODE)


def in_active_language(page):
    """The page's live translation in the active language, else the page itself: Wagtail's
    `.localized`, with the Locale read from the process's map instead of the database."""
    locale = active_locale()
    if page is None or locale is None or page.locale_id == locale.pk:
        return page
    found = type(page).objects.filter(translation_key=page.translation_key, locale=locale, live=True).first()
    return found or page


def forget_locales(**kwargs) -> None:
    _locales.clear()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool
    exact: bool  # False when we fell back to an ancestor that has a translation


def translated_page_url(page: Page, language_code: str, request=None) -> tuple[str, bool] | None:
    """URL of `page` in another language, or of its nearest ancestor that has one: the live
    translations of the page and its ancestors (their paths are its path's prefixes) in one query."""
    locale = locale_for(language_code)
    if locale is None or not page.path:
        return None
    chain = Page.objects.filter(
        path__in=[page.path[:end] for end in range(page.steplen, len(page.path) + 1, page.steplen)]
    )
    translations = Page.objects.filter(translation_key__in=chain.values("translation_key"), locale=locale, live=True)
    for translation_ in translations.exclude(url_path="").order_by("-depth"):
        url = translation_.get_url(request)
        if url:
            return url, translation_.translation_key == page.translation_key
    return None


def _page_urls(page: Page, request, known: dict[int, str] | None = None) -> dict[str, tuple[str, bool]]:
    """Each language's URL for `page`: {locale id: URL} of its live translations when `known`
    (portal.shell reads them with the menu), else in one query; a language without one falls
    back to the nearest translated ancestor (translated_page_url)."""
    if known is None:
        live = Page.objects.filter(translation_key=page.translation_key, live=True)
        known = {p.locale_id: p.get_url(request) for p in live if p.url_path and p.locale_id != page.locale_id}
    if not known.get(page.locale_id):  # the page itself, live or not (a preview)
        known = {**known, page.locale_id: page.get_url(request) if page.url_path else None}
    found = {}
    for code, _name in settings.LANGUAGES:
        locale = locale_for(code)
        url = known.get(locale.pk) if locale else None
        result = (url, True) if url else translated_page_url(page, code, request)
        if result:
            found[code] = result
    return found


def language_links(request, page: Page | None = None, known: dict[int, str] | None = None) -> list[LanguageLink]:
    current = translation.get_language() or settings.LANGUAGE_CODE
    page_urls = _page_urls(page, request, known) if page is not None and getattr(page, "pk", None) else {}
    links = []
    for code, _name in settings.LANGUAGES:
        url, exact = page_urls.get(code, (None, True))
        if url is None:
            path = request.get_full_path() if request else "/"
            url = translate_url(path, code)
            if url == path and code != current:
                url, exact = f"/{code}/", False
        # Each language named in itself ("English" on the Vietnamese page too), as readers look for it.
        # (NFC: Django spells "Tiếng Việt" with combining marks, unlike the rest of our text.)
        name = unicodedata.normalize("NFC", translation.get_language_info(code)["name_local"])
        links.append(LanguageLink(code, name, url, code == current, exact))
    return links
