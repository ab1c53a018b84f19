"""Query budgets per page type, on the demo content (a realistic amount of it).

Two budgets for each type: with the shared fragment caches cold (every query a first
visitor after a publish pays) and warm (every later visitor with the page cache off,
e.g. a signed-in one). A page over its budget fails with the queries it made.
"""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dashboards import pageviews

pytestmark = pytest.mark.django_db

# page type: (cold, warm) budget, the most of its Vietnamese and English page as measured
# on 2026-11-23 (English pages pay a little more cold: translations of the root and links).
BUDGETS = {
    "portal.HomePage": (32, 0),
    "catalogue.ProducersIndexPage": (18, 3),
    "catalogue.ProducerPage": (28, 5),
    "catalogue.ProductPage": (30, 1),  # producer and category by their own query; +1 cold: latest lots
    "catalogue.CategoriesIndexPage": (17, 2),
    "catalogue.CategoryPage": (21, 0),
    "tourism.TourismIndexPage": (24, 9),
    "tourism.AttractionPage": (24, 1),
    "tourism.PlacePage": (23, 0),
    "tourism.EventPage": (25, 2),
    "tourism.ItineraryPage": (22, 7),
}


def _count(client, url) -> tuple[int, list[str]]:
    # Write the buffered page views first: a flush that falls due inside the measured
    # request (a slow machine) is the buffer's cost, not the page's.
    pageviews.flush()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), [q["sql"][:160] for q in ctx.captured_queries]


def test_every_page_type_stays_within_its_query_budget(client, settings):
    from django.apps import apps

    call_command("load_demo", stdout=io.StringIO())
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
