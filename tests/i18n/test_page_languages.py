"""Every page type, rendered in each language, shows that language's interface only.

With the demo content loaded: each Vietnamese page has exactly one English translation, and
no interface string of the other language (any multi-word string our templates translate)
is left on a page of each type."""

import html
import re
from pathlib import Path

import polib
from wagtail.models import Page

LOCALE = Path(__file__).resolve().parents[2] / "locale"
TAG = re.compile(r"<[^>]+>")
SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.S)


def _template_strings() -> list[tuple[str, str]]:
    """(English, Vietnamese) pairs of the multi-word strings our templates translate."""
    pairs = []
    for entry in polib.pofile(str(LOCALE / "vi" / "LC_MESSAGES" / "django.po")):
        in_template = any(path.endswith((".html", ".txt")) for path, _line in entry.occurrences)
        english, vietnamese = entry.msgid, entry.msgstr
        if (
            in_template
            and not entry.msgid_plural
            and "%" not in english
            and "{" not in english
            and len(english.split()) >= 2
            and english.lower() != vietnamese.lower()
        ):
            pairs.append((english, vietnamese))
    return pairs


def _visible_text(content: bytes) -> str:
    text = SCRIPT.sub(" ", content.decode())
    text = TAG.sub(" ", text)
    return " ".join(html.unescape(text).split())


def test_each_page_type_shows_only_its_own_language(client, db, demo_db):
    vi_pages = Page.objects.filter(locale__language_code="vi", depth__gte=2)
    for page in vi_pages:
        assert page.get_translations().filter(locale__language_code="en").count() == 1, page

    pairs = _template_strings()
    assert len(pairs) > 100  # the check means something only with the real catalogue
    checked = set()
    for page in Page.objects.filter(depth__gte=2, live=True).specific().order_by("path"):
        key = (type(page).__name__, page.locale.language_code)
        if key in checked:
            continue
        checked.add(key)
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        text = _visible_text(response.content)
        language = page.locale.language_code
        foreign = [vi for en, vi in pairs if vi in text] if language == "en" else [en for en, vi in pairs if en in text]
        assert not foreign, f"{key} at {page.url} shows {foreign[:5]}"
    page_types = {name for name, _ in checked}
    assert len(page_types) >= 11, page_types  # all page types but the sign-up-free index pages
    assert {lang for _, lang in checked} == {"vi", "en"}
