"""Every CSV the site writes goes through here: cells a spreadsheet would run as a formula
are neutralised, and the file starts with a UTF-8 byte-order mark so that spreadsheet
programs on Windows read Vietnamese text as UTF-8 rather than the local code page.

Our exports are Wagtail's (ReportView for the dashboards, `list_export` on viewsets, and
Wagtail's own reports such as site history, which list page titles businesses typed), so
`install()` routes Wagtail's SpreadsheetExportMixin CSV response through `csv_response`. XLSX
needs nothing: Wagtail already stores cells openpyxl would read as formulas as text.
"""

import csv
import io
import itertools
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse

BOM = "\ufeff"
# A cell starting with one of these is read as a formula (or a DDE call) by Excel,
# LibreOffice and Google Sheets; tab and carriage return hide the character after them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value with a leading apostrophe when a spreadsheet would read it as a formula.
    Numbers, dates and None pass unchanged (a negative number is a number, not a formula)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_lines(headings: Iterable, rows: Iterable[Iterable]) -> Iterator[str]:
    """The CSV text line by line, BOM first, every cell through `safe_cell`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    yield BOM
    for row in itertools.chain([headings], rows):
        writer.writerow([safe_cell(cell) for cell in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def csv_response(filename: str, headings: Iterable, rows: Iterable[Iterable]) -> StreamingHttpResponse:
    """A streamed CSV download, for any view that writes one."""
    lines = (line.encode() for line in csv_lines(headings, rows))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def install() -> None:
    """Make Wagtail's CSV export (reports, viewsets' `list_export`) write through `csv_response`.
    Called once from PortalConfig.ready()."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    def write_csv_response(self, queryset):
        fields = list(self.list_export)
        headings = [self.get_heading(queryset, field) for field in fields]
        rows = (
            [
                self.preprocess_field_value(field, value, self.FORMAT_CSV)
                for field, value in self.to_row_dict(item).items()
            ]
            for item in queryset
        )
        return csv_response(self.get_filename(), headings, rows)

    SpreadsheetExportMixin.write_csv_response = write_csv_response
