"""The English site in English: every tourism page of the demo, crawled, has no Vietnamese-only
alt text, no US or ambiguous numeric date, the footer address in English, and English units."""

import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.utils import translation
from django.utils.formats import date_format

from tourism.models import AttractionPage, EventPage, ItineraryPage, PlacePage
from trade.models import quantity_with_unit

# Words of Vietnamese that no English sentence has (names such as "Lam Kinh" or "Hồ" may be
# in English text, these may not).
VIETNAMESE_WORDS = re.compile(r"\b(ảnh|minh họa|của|và|những|được|tại|các|trong|với|người)\b", re.IGNORECASE)
NUMERIC_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")
US_DATE = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}\b")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.alts, self.text, self._skip = [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "img":
            self.alts.append(attrs.get("alt"))

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def english_tourism_urls(tourism) -> list[str]:
    en = tourism["en"]
    urls = [tourism["index_en"].url, "/en/map/", "/en/festivals/", "/en/trip/"]
    for model in (AttractionPage, PlacePage, EventPage, ItineraryPage):
        urls += [page.url for page in model.objects.live().filter(locale=en)]
    return urls


def test_english_tourism_pages_have_english_alt_texts_dates_and_address(client, tourism):
    problems = []
    urls = english_tourism_urls(tourism)
    assert len(urls) > 30
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        page = _Page()
        page.feed(response.content.decode())
        text = " ".join(page.text)
        for alt in page.alts:
            if alt is None:
                problems.append(f"{url}: an image without alt")
            elif VIETNAMESE_WORDS.search(alt):
                problems.append(f"{url}: Vietnamese alt text {alt!r}")
        for pattern in (NUMERIC_DATE, US_DATE):
            for found in pattern.findall(text):
                problems.append(f"{url}: date {found!r}")
        # The footer's address is the exchange operator's (portal.policies.demo).
        if "Hạc Thành Ward, Thanh Hóa Province" not in text:
            problems.append(f"{url}: footer address not in English")
        if "phường Hạc Thành" in text:
            problems.append(f"{url}: Vietnamese footer address")
    assert not problems, "\n".join(problems)


def test_english_dates_read_day_month_year_in_words():
    from datetime import date

    with translation.override("en"):
        assert date_format(date(2026, 12, 2)) == "2 December 2026"
        assert date_format(date(2026, 12, 2), "SHORT_DATE_FORMAT") == "2 Dec 2026"
    with translation.override("vi"):
        assert "2026" in date_format(date(2026, 12, 2), "SHORT_DATE_FORMAT")


def test_event_page_shows_its_next_date_in_words(client, tourism):
    tet = EventPage.objects.get(locale=tourism["en"], slug="lunar-new-year-tet")
    html = client.get(tet.url).content.decode()
    with translation.override("en"):
        assert date_format(tet.next_occurrence.start) in html


@pytest.mark.parametrize(
    ("quantity", "unit", "english"),
    [(20, "tonne", "20 tonnes"), (1, "tonne", "1 tonne"), (3, "box", "3 boxes"), (500, "kg", "500 kg")],
)
def test_units_agree_with_the_number_in_english(quantity, unit, english):
    with translation.override("en"):
        assert quantity_with_unit(Decimal(quantity), unit) == english
