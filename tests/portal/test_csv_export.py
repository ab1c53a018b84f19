"""CSV exports neutralise cells a spreadsheet would run as formulas and start with a UTF-8 BOM
(issue #24). Every export is Wagtail's SpreadsheetExportMixin (dashboards' report views,
viewsets' `list_export`, Wagtail's own reports), routed through portal/csv_export.py."""

import csv
import io

import pytest

from portal.csv_export import csv_lines, safe_cell

INJECTIONS = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_a_cell_a_spreadsheet_would_run_is_prefixed_with_an_apostrophe(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Nem chua Thanh Hóa", "", 150000, -3, None, "a=b"])
def test_other_cells_are_written_as_they_are(value):
    assert safe_cell(value) == value


def test_csv_lines_start_with_the_bom_and_read_back_in_vietnamese():
    text = "".join(csv_lines(["Tên", "Giá"], [["Nước mắm", 90000], ["=1+2", 1]]))
    assert text.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(text.removeprefix("\ufeff")))) == [
        ["Tên", "Giá"],
        ["Nước mắm", "90000"],
        ["'=1+2", "1"],
    ]


def _download(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


@pytest.mark.django_db
def test_the_orders_export_neutralises_a_name_typed_as_a_formula(admin_client):
    from orders.models import Order

    Order.objects.create(
        code="ABCD2345",
        idempotency_token="t" * 32,
        name="=cmd|' /C calc'!A0",
        phone="0912345678",
        province_code=38,
        ward_code=0,
        street="1 Lê Lợi",
        payment_method="cod",
        subtotal=1000,
        shipping_total=0,
        total=1000,
    )
    rows = _download(admin_client.get("/admin/orders/all/", {"export": "csv"}))
    assert any("'=cmd|' /C calc'!A0" in row for row in rows[1:])
    assert not any(cell.startswith("=") for row in rows for cell in row)


@pytest.mark.django_db
def test_wagtails_own_site_history_report_neutralises_page_titles(admin_client, site_pages):
    from wagtail.models import Page

    home = site_pages[0]
    page = home.add_child(instance=Page(title="@SUM(1+1)*cmd|' /C calc'!A0", slug="cong-thuc"))
    page.save_revision(log_action=True)
    rows = _download(admin_client.get("/admin/reports/site-history/", {"export": "csv"}))
    cells = [cell for row in rows for cell in row]
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
