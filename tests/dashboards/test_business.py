"""A business's dashboard: its own figures, exactly, and nothing of any other business."""

import pytest

from .conftest import PERIOD, admin_client

# Every test here sees the module's rows, whether it asks for them or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_world")]


def test_business_figures_are_exact(activity):
    import datetime

    from dashboards.metrics.business import compute
    from dashboards.periods import Period

    figures = compute(activity.producers["a"], Period(datetime.date(2026, 9, 1), datetime.date(2026, 10, 31)))
    rows = figures.rows
    views = {r["day"]: r["views"] for r in rows["views-by-day"] if r["views"]}
    assert views == {"2026-10-02": 7, "2026-10-03": 1}
    assert len(rows["views-by-day"]) == 61  # every day of September and October
    assert rows["views-by-product"] == [{"product": "Sản phẩm A", "views": 8}]
    scans = {r["day"]: r["scans"] for r in rows["scans-by-day"] if r["scans"]}
    assert scans == {"2026-10-02": 3, "2026-10-03": 2}
    assert rows["scans-by-area"] == [{"area": "Huyện Y", "scans": 5}]
    assert [(r["lot"], r["scans"], r["devices"]) for r in rows["alerts"]] == [("LOT-A", 5, 5)]
    weeks = {r["week"]: (r["orders"], r["revenue"]) for r in rows["orders-by-week"] if r["orders"]}
    assert weeks == {"2026-09-14": (1, 100_000), "2026-10-05": (1, 60_000)}
    assert [(r["order"], r["quantity"]) for r in rows["to-pack"]] == [("DH0001", 2)]
    assert [(r["sku"], r["stock"]) for r in rows["low-stock"]] == [("SKU-a2", 2)]
    assert [r["title"] for r in rows["open-posts"]] == ["Bán nem chua"]
    assert [r["message"] for r in rows["unanswered-inquiries"]] == ["Còn hàng không?"]
    assert figures.summary == {
        "views": 8,
        "scans": 5,
        "alerts": 1,
        "open_alerts": 1,
        "orders": 2,
        "revenue": 160_000,
        "to_pack": 1,
        "low_stock": 1,
        "low_stock_threshold": 5,
        "open_posts": 1,
        "unanswered": 1,
    }


def _figure(html, name):
    import re

    match = re.search(rf'data-figure="{name}"><dt>[^<]*</dt><dd>([^<]*)', html)
    return match.group(1).strip() if match else None


def test_each_business_sees_only_its_own_figures_in_the_admin(client, activity, user_a, user_b):
    admin_client(client, user_a, "en")
    html_a = client.get("/admin/dashboards/business/", PERIOD).content.decode()
    assert "Product A" in html_a and "Product B" not in html_a and "LOT-B" not in html_a
    assert (_figure(html_a, "views"), _figure(html_a, "scans"), _figure(html_a, "orders")) == ("8", "5", "2")
    assert _figure(html_a, "revenue") == "₫160,000"

    client.logout()
    admin_client(client, user_b, "en")
    html_b = client.get("/admin/dashboards/business/", PERIOD).content.decode()
    assert "Product A" not in html_b and "Bán nem chua" not in html_b and "DH0001" not in html_b
    assert (_figure(html_b, "views"), _figure(html_b, "scans"), _figure(html_b, "orders")) == ("10", "1", "0")
    assert _figure(html_b, "unanswered") == "0"


def test_the_admin_home_page_shows_the_business_panel(client, activity, user_a):
    admin_client(client, user_a, "en")
    html = client.get("/admin/").content.decode()
    assert "Business A: the last 30 days" in html or "Cơ sở A: the last 30 days" in html
    assert "Open your dashboard" in html
    assert "The province's targets" not in html


def test_the_admin_home_page_shows_the_targets_to_province_staff(client, world, province_user):
    admin_client(client, province_user, "vi")
    html = client.get("/admin/").content.decode()
    assert "Mục tiêu của tỉnh" in html
    assert "33,3 %" in html


def test_menu_items_follow_who_may_see_what(client, world, user_a, province_user):
    admin_client(client, user_a, "en")
    html = client.get("/admin/").content.decode()
    assert "/admin/dashboards/business/" in html and "/admin/dashboards/province/" not in html
    client.logout()
    admin_client(client, province_user, "en")
    html = client.get("/admin/").content.decode()
    assert "/admin/dashboards/province/" in html
