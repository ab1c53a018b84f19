"""The province dashboard: exact shares for the targets and exact figures in every table."""

import re

import pytest

from .conftest import PERIOD, admin_client

# Every test here sees the module's rows, whether it asks for them or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_world")]


def period():
    import datetime

    from dashboards.periods import Period

    return Period(datetime.date.fromisoformat(PERIOD["start"]), datetime.date.fromisoformat(PERIOD["end"]))


def test_targets_are_exact_shares_of_the_known_businesses(world):
    from dashboards.metrics.province import target_counts, targets

    # Nobody in this world used the seller workspace (tests/seller/test_figures.py counts that target).
    assert target_counts() == {"traceability": (1, 3), "board": (2, 4), "online": (2, 4), "mobile": (0, 4)}
    by_key = {t["key"]: t for t in targets()}
    assert by_key["traceability"]["percent"] == 33.3
    assert by_key["board"]["percent"] == 50.0
    assert by_key["online"]["percent"] == 50.0
    assert (by_key["traceability"]["goal_2025"], by_key["traceability"]["goal_2030"]) == (30, 50)
    assert (by_key["board"]["goal_2025"], by_key["board"]["goal_2030"]) == (50, 70)
    assert (by_key["online"]["goal_2025"], by_key["online"]["goal_2030"]) == (80, 90)
    # "More than 30 %": 33.3 meets it; 50.0 is not more than 50.
    assert by_key["traceability"]["met"] is True
    assert by_key["board"]["met"] is False


def test_an_old_trace_event_stops_counting_after_90_days(world):
    import datetime

    from django.utils import timezone

    from dashboards.metrics.province import target_counts

    later = timezone.now() + datetime.timedelta(days=91)
    assert target_counts(now=later)["traceability"] == (0, 3)


def test_tables_hold_the_exact_figures(activity):
    from dashboards.metrics.province import compute

    figures = compute(period())
    rows = figures.rows
    assert rows["ocop-stars"] == [
        {"stars": "3★", "products": 1},
        {"stars": "4★", "products": 2},
        {"stars": "5★", "products": 0},
    ]
    assert rows["orders-by-month"] == [
        {"month": "2026-09", "orders": 1, "sales": 150_000},
        {"month": "2026-10", "orders": 1, "sales": 60_000},
    ]
    assert rows["sales-by-area"] == [
        {"area": "Huyện X", "orders": 2, "sales": 160_000},
        {"area": "Huyện Y", "orders": 1, "sales": 50_000},
    ]
    assert rows["scans-by-area"] == [
        {"area": "Huyện Y", "scans": 5, "alerts": 1},
        {"area": "Huyện X", "scans": 1, "alerts": 0},
    ]
    assert [(r["lot"], r["recalled_on"], r["lines"]) for r in rows["recalls"]] == [("LOT-B", "2026-10-20", 0)]
    assert figures.summary["orders"] == 2
    assert figures.summary["sales"] == 210_000


def test_most_viewed_attractions_count_every_language(world):
    import datetime

    from dashboards.metrics.province import top_attraction_rows
    from dashboards.models import PageViewCount
    from portal.demo import upsert_page
    from tourism.models import AttractionPage, TourismIndexPage

    index, _ = upsert_page(
        world.index.get_parent(),
        TourismIndexPage,
        slug="du-lich-db",
        vi={"title": "Du lịch"},
        en={"title": "Travel", "slug": "travel-db"},
    )
    pages = {}
    for slug, title in (("thanh-nha-ho", "Thành nhà Hồ"), ("sam-son", "Biển Sầm Sơn")):
        pages[slug] = upsert_page(
            index,
            AttractionPage,
            slug=slug,
            vi={"title": title},
            en={"title": title + " (en)", "slug": slug + "-en"},
            shared={"attraction_type": "heritage"},
        )
    day = datetime.date(2026, 10, 5)
    PageViewCount.objects.bulk_create(
        [
            PageViewCount(page=pages["thanh-nha-ho"][0], date=day, views=3),
            PageViewCount(page=pages["thanh-nha-ho"][1], date=day, views=4),
            PageViewCount(page=pages["sam-son"][0], date=day, views=5),
            PageViewCount(page=pages["sam-son"][0], date=datetime.date(2026, 12, 1), views=50),  # outside
        ]
    )
    assert top_attraction_rows(period()) == [
        {"attraction": "Thành nhà Hồ", "views": 7},
        {"attraction": "Biển Sầm Sơn", "views": 5},
    ]


def test_searches_that_found_nothing_are_ranked(world):
    from django.apps import apps

    from dashboards.metrics.province import zero_result_search_rows
    from dashboards.periods import default_period

    try:
        model = apps.get_model("search", "UnmatchedQuery")
    except LookupError:
        pytest.skip("the search app keeps no log of searches that found nothing yet")
    model.objects.create(query="nem chay", kind="products", locale="vi", count=4)
    model.objects.create(query="nem chay", kind="all", locale="en", count=2)
    model.objects.create(query="ruou", kind="all", locale="vi", count=3)
    assert zero_result_search_rows(default_period(30)) == [
        {"query": "nem chay", "searches": 6},
        {"query": "ruou", "searches": 3},
    ]


def test_the_page_shows_the_targets_and_tables(client, activity, province_user):
    admin_client(client, province_user, "en")
    response = client.get("/admin/dashboards/province/", PERIOD)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'id="target-traceability" data-percent="33.3" data-numerator="1" data-denominator="3"', html)
    assert re.search(r'id="target-online" data-percent="50.0" data-numerator="2" data-denominator="4"', html)
    assert "Goal: more than 30 % by 2025, more than 50 % by 2030." in html
    assert "Orders and sales by month" in html
    assert '<td data-field="sales" data-value="150000" class="dashboard-num">₫150,000</td>' in html
    assert "<svg" in html and 'role="img"' in html


def test_the_page_reads_in_vietnamese(client, activity, province_user):
    admin_client(client, province_user, "vi")
    html = client.get("/admin/dashboards/province/", PERIOD).content.decode()
    assert "Đơn hàng và doanh số theo tháng" in html
    assert "150.000\xa0₫" in html
    assert "Huyện X" in html


def test_charts_are_well_formed_svg_with_escaped_labels():
    import xml.etree.ElementTree as ET

    from dashboards.charts import bar_chart, line_chart

    for draw in (bar_chart, line_chart):
        svg = draw("A & B <chart>", [("<b>x</b>", 3), ("y & z", 1_500_000), ("empty", 0)])
        root = ET.fromstring(svg)
        assert root.tag.endswith("svg")
        assert root.find("{http://www.w3.org/2000/svg}title").text == "A & B <chart>"
        assert "<b>" not in svg
    assert bar_chart("none", []).startswith("<svg")
