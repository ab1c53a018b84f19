"""Query budgets per page type, on the demo content (a realistic amount of it).

Two budgets for each type: with the shared fragment caches cold (every query a first
visitor after a publish pays) and warm (every later visitor with the page cache off,
e.g. a signed-in one). A page over its budget fails with the queries it made.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dashboards import pageviews

pytestmark = pytest.mark.django_db

# page type: (cold, warm) budget, the most of its Vietnamese and English page as measured
# on 2026-12-03 (English pages pay a little more: the root's translation and links).
# Since #25 no data cache hides a query: every page pays Wagtail's routing (site, locale, a
# lookup and a specific row per level), its view-restriction check (1), its language links (1)
# and, off the home page in English, the home page of the menu and footer (1); "warm" is what
# the template fragment caches save (product detail, category listing, home sections, menu,
# footer, breadcrumbs, nearby).
# Cold +2 on every page since #22: the footer names the exchange's operator (a site setting)
# and links its policy pages (one query); warm unchanged (the footer is a cached fragment).
BUDGETS = {
    # Since #25 (measured 17/6 vi, 18/7 en): the home sections' lists each one query (no
    # view-restriction or label queries), and every page's menu, policy links and language
    # links in one query (portal.shell).
    "portal.HomePage": (18, 7),
    "catalogue.ProducersIndexPage": (17, 12),
    "catalogue.ProducerPage": (31, 19),  # +1 since #21: the producer's average rating; cold +1 (#22): seller block
    # cold: "where it was made" (#23), its producer, area, sights and festivals; +1 (#22): the seller block
    # #25: the reviews summary read once (panel and JSON-LD), producer, category and area in one
    # query; measured 32 cold in English
    "catalogue.ProductPage": (32, 14),
    "catalogue.CategoriesIndexPage": (16, 11),
    "catalogue.CategoryPage": (21, 12),  # #25: the listing in one query, the filter's areas once, no Locale query
    "tourism.TourismIndexPage": (22, 19),
    # cold (#25): "nearby" and the local products share one read, one statement per kind
    "tourism.AttractionPage": (21, 14),
    "tourism.PlacePage": (20, 13),
    "tourism.EventPage": (22, 13),  # cold: the festival's products (#23)
    "tourism.ItineraryPage": (21, 18),
}


def _count(client, url) -> tuple[int, list[str]]:
    # Write the buffered page views first: a flush that falls due inside the measured
    # request (a slow machine) is the buffer's cost, not the page's.
    pageviews.flush()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), [q["sql"][:160] for q in ctx.captured_queries]


def test_every_page_type_stays_within_its_query_budget(client, settings, db, demo_db):
    from django.apps import apps

    settings.PAGE_CACHE_SECONDS = 0  # what a page costs to build, not to replay
    over = []
    for label, (cold_budget, warm_budget) in BUDGETS.items():
        model = apps.get_model(label)
        for language in ("vi", "en"):
            page = model.objects.live().filter(locale__language_code=language).order_by("path").first()
            assert page is not None, f"the demo has no {label} in {language}"
            url = page.get_url()
            settings.FRAGMENT_CACHE_SECONDS = 0
            client.get(url)  # the process-wide caches (locales) are warm in any running site
            cold, cold_sql = _count(client, url)
            settings.FRAGMENT_CACHE_SECONDS = 600
            cache.clear()
            client.get(url)  # fills the fragments
            warm, warm_sql = _count(client, url)
            print(f"{label} {language}: cold {cold}, warm {warm}")
            if cold > cold_budget:
                over.append((label, language, "cold", cold, cold_budget, cold_sql))
            if warm > warm_budget:
                over.append((label, language, "warm", warm, warm_budget, warm_sql))
    cache.clear()
    assert not over, "\n".join(
        f"{label} {lang} {mode}: {n} > {budget}\n  " + "\n  ".join(sql) for label, lang, mode, n, budget, sql in over
    )
