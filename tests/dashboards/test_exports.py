"""CSV and XLSX exports come from Wagtail's ReportView and hold the numbers on the page."""

import csv
import io
import re

import pytest

from .conftest import PERIOD, admin_client

# Every test here sees the module's rows, whether it asks for them or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_world")]


def _page_table(html, key):
    """The rows of a dashboard table as the page shows them (raw values from data-value)."""
    section = re.search(rf'<table class="listing dashboard-data" data-table="{key}">(.*?)</table>', html, re.S).group(1)
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", section.split("<tbody>")[1], re.S):
        rows.append([value for _field, value in re.findall(r'data-field="([^"]+)" data-value="([^"]*)"', tr)])
    return rows


def _csv(response):
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")  # the UTF-8 BOM spreadsheet programs need (portal/csv_export.py)
    body = raw.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def _xlsx(response):
    from openpyxl import load_workbook

    workbook = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def test_the_views_are_wagtail_report_views():
    from wagtail.admin.views.reports import ReportView

    from dashboards import views

    classes = {*views.PROVINCE_REPORTS.values(), *views.BUSINESS_REPORTS.values()}
    assert len(classes) == len(views.province.TABLES) + len(views.business.TABLES)
    assert all(issubclass(cls, ReportView) for cls in classes)


@pytest.mark.parametrize("key", ["orders-by-month", "sales-by-area", "scans-by-area", "ocop-stars", "recalls"])
def test_province_exports_hold_the_page_figures(client, activity, province_user, key):
    admin_client(client, province_user, "en")
    page_rows = _page_table(client.get("/admin/dashboards/province/", PERIOD).content.decode(), key)
    url = f"/admin/dashboards/province/export/{key}/"
    csv_rows = _csv(client.get(url, {**PERIOD, "export": "csv"}))
    xlsx_rows = _xlsx(client.get(url, {**PERIOD, "export": "xlsx"}))
    assert csv_rows[1:] == page_rows
    assert [[("" if v is None else str(v)) for v in row] for row in xlsx_rows[1:]] == page_rows
    assert csv_rows[0] == [str(v) for v in xlsx_rows[0]]


def test_the_orders_export_has_the_known_numbers(client, activity, province_user):
    admin_client(client, province_user, "en")
    url = "/admin/dashboards/province/export/orders-by-month/"
    assert _csv(client.get(url, {**PERIOD, "export": "csv"})) == [
        ["Month", "Orders", "Sales (đồng)"],
        ["2026-09", "1", "150000"],
        ["2026-10", "1", "60000"],
    ]
    xlsx = _xlsx(client.get(url, {**PERIOD, "export": "xlsx"}))
    assert xlsx == [["Month", "Orders", "Sales (đồng)"], ["2026-09", 1, 150000], ["2026-10", 1, 60000]]


def test_business_exports_hold_the_page_figures_in_vietnamese(client, activity, user_a):
    admin_client(client, user_a, "vi")
    query = {**PERIOD, "producer": activity.producers["a"].pk}
    html = client.get("/admin/dashboards/business/", query).content.decode()
    for key in ("orders-by-week", "scans-by-day", "views-by-product", "low-stock", "to-pack"):
        url = f"/admin/dashboards/business/export/{key}/"
        csv_rows = _csv(client.get(url, {**query, "export": "csv"}))
        assert csv_rows[1:] == _page_table(html, key), key
        assert _xlsx(client.get(url, {**query, "export": "xlsx"}))
    assert _csv(client.get("/admin/dashboards/business/export/orders-by-week/", {**query, "export": "csv"}))[0] == [
        "Tuần bắt đầu",
        "Đơn hàng",
        "Doanh thu (đồng)",
    ]


def test_the_page_links_to_its_exports(client, activity, province_user):
    admin_client(client, province_user)
    html = client.get("/admin/dashboards/province/", PERIOD).content.decode()
    assert (
        "/admin/dashboards/province/export/orders-by-month/?start=2026-09-01&amp;end=2026-10-31&amp;export=csv" in html
    )
