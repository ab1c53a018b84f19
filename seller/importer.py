"""Import from a spreadsheet (XLSX or CSV): products with their packs, or batches.

Every row is checked first and errors are reported by row and column; nothing is stored
unless every row is valid, and the rows are then stored in one transaction. Products go
through the same save as the product form (so they wait for approval like any other), and
batches through traceability's own `create_batch`. Column headings are recognised in
Vietnamese and in English whichever language the template was downloaded in.
"""

import csv
import datetime
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import openpyxl
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.styles import Font

from catalogue import seller_services as catalogue_services
from catalogue.models import CategoryPage
from catalogue.seller_forms import PackForm
from portal.money import parse_dong
from portal.uploads import validate_document_content
from traceability import seller_services as traceability_services
from traceability.models import Unit

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 1000
PRODUCTS, BATCHES = "products", "batches"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    required: bool = False
    example: object = ""


COLUMNS = {
    PRODUCTS: (
        Column("product", gettext_lazy("Product name"), True, "Nước mắm cốt 40 độ đạm"),
        Column("summary", gettext_lazy("Short description"), True, "Ủ chượp 18 tháng trong thùng gỗ"),
        Column("category", gettext_lazy("Category"), False, ""),
        Column("shelf_life_days", gettext_lazy("Shelf life (days)"), False, 730),
        Column("pack", gettext_lazy("Pack"), True, "Chai 500 ml"),
        Column("price", gettext_lazy("Price (đồng)"), True, 120000),
        Column("stock", gettext_lazy("In stock"), False, 30),
        Column("gtin", gettext_lazy("Barcode number (GTIN)"), False, ""),
    ),
    BATCHES: (
        Column("product", gettext_lazy("Product name"), True, "Nước mắm cốt 40 độ đạm"),
        Column("pack", gettext_lazy("Pack"), False, "Chai 500 ml"),
        Column("lot", gettext_lazy("Lot"), False, ""),
        Column("production_date", gettext_lazy("Production date"), True, "01/12/2026"),
        Column("expiry_date", gettext_lazy("Expiry date"), False, "01/12/2028"),
        Column("quantity", gettext_lazy("Quantity"), True, 200),
        Column("unit", gettext_lazy("Unit"), False, "l"),
        Column("place", gettext_lazy("Where it was made"), False, "Xưởng ủ chượp Ngư Lộc"),
    ),
}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


class ImportRefused(Exception):
    """The file itself cannot be read (format, size, headings)."""


def _normal(text) -> str:
    return " ".join(str(text or "").replace("*", "").split()).casefold()


def _heading_keys(what: str) -> dict[str, str]:
    """Every accepted heading (in each language) → column key."""
    keys = {}
    for code in ("vi", "en"):
        with translation.override(code):
            for column in COLUMNS[what]:
                keys[_normal(column.label)] = column.key
    for column in COLUMNS[what]:
        keys[column.key] = column.key
    return keys


def headings(what: str) -> list[str]:
    return [f"{column.label}{' *' if column.required else ''}" for column in COLUMNS[what]]


def label_of(what: str, key: str) -> str:
    return str(next(column.label for column in COLUMNS[what] if column.key == key))


# --- Reading ------------------------------------------------------------------------------------


def _cells_xlsx(upload) -> list[list]:
    try:
        workbook = openpyxl.load_workbook(upload, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ImportRefused(_("This spreadsheet cannot be opened.")) from error
    sheet = workbook.worksheets[0]
    rows = []
    for values in sheet.iter_rows(values_only=True):
        rows.append(list(values))
        if len(rows) > MAX_ROWS + 1:
            break
    workbook.close()
    return rows


def _cells_csv(upload) -> list[list]:
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(_("Save the CSV file as UTF-8.")) from error
    delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))[: MAX_ROWS + 2]


def read_rows(what: str, upload) -> list[tuple[int, dict]]:
    """(spreadsheet row number, {column key: cell}) for each non-empty row under the headings."""
    name = (upload.name or "").lower()
    if upload.size > MAX_BYTES:
        raise ImportRefused(_("The file is larger than 2 MB."))
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    if extension not in ("xlsx", "csv"):
        raise ImportRefused(_("Send an XLSX or CSV file."))
    try:
        validate_document_content(upload)
    except ValidationError as error:
        raise ImportRefused(" ".join(error.messages)) from error
    cells = _cells_xlsx(upload) if extension == "xlsx" else _cells_csv(upload)
    if not cells:
        raise ImportRefused(_("The file is empty."))
    known = _heading_keys(what)
    header = [known.get(_normal(cell)) for cell in cells[0]]
    missing = [c for c in COLUMNS[what] if c.required and c.key not in header]
    if missing:
        raise ImportRefused(
            _("These columns are missing: %(names)s. Start from the template.")
            % {"names": ", ".join(str(c.label) for c in missing)}
        )
    rows = []
    for number, values in enumerate(cells[1:], start=2):
        row = {key: value for key, value in zip(header, values, strict=False) if key}
        if all(value in (None, "") or str(value).strip() == "" for value in row.values()):
            continue
        rows.append((number, {k: (v.strip() if isinstance(v, str) else v) for k, v in row.items()}))
    if len(rows) > MAX_ROWS:
        raise ImportRefused(_("At most %(n)s rows at a time.") % {"n": MAX_ROWS})
    if not rows:
        raise ImportRefused(_("There is no row under the headings."))
    return rows


# --- Cells ---------------------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _whole(value, language: str, *, price=False) -> int:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value) != int(value):
            raise ValidationError(_("Enter a whole number."))
        return int(value)
    if price:
        return parse_dong(_text(value), language)
    try:
        return int(_text(value))
    except ValueError as error:
        raise ValidationError(_("Enter a whole number.")) from error


def _date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValidationError(_("Write the date as dd/mm/yyyy, e.g. 01/12/2026."))


def _unit(value) -> str:
    text = _normal(value)
    if not text:
        return Unit.KG
    for code in ("vi", "en"):
        with translation.override(code):
            for choice, label in Unit.choices:
                if text in (choice, _normal(label)):
                    return choice
    raise ValidationError(
        _("Unknown unit; use one of: %(units)s.") % {"units": ", ".join(choice for choice, _label in Unit.choices)}
    )


def _messages(error: ValidationError) -> list[tuple[str | None, str]]:
    if hasattr(error, "error_dict"):
        return [(field, message) for field, messages in error.message_dict.items() for message in messages]
    return [(None, message) for message in error.messages]


# --- Products --------------------------------------------------------------------------------------


def _check_products(producer, rows, language):
    errors, products = [], {}
    categories = {_normal(c.title): c for c in CategoryPage.objects.filter(locale_id=producer.locale_id)}
    existing = {_normal(t) for t in catalogue_services.products_of(producer).values_list("title", flat=True)}
    gtins = {}

    def err(number, key, message):
        errors.append(RowError(number, label_of(PRODUCTS, key), str(message)))

    for number, row in rows:
        name = _text(row.get("product"))
        if not name:
            err(number, "product", _("This field is required."))
            continue
        if _normal(name) in existing:
            err(number, "product", _("You already have a product with this name; change it in the product's form."))
            continue
        product = products.setdefault(
            _normal(name), {"row": number, "data": {"title": name[:255], "photos": []}, "packs": []}
        )
        data = product["data"]
        if number == product["row"]:
            summary = _text(row.get("summary"))
            if not summary:
                err(number, "summary", _("This field is required."))
            data["summary"] = summary[:300]
            category = _text(row.get("category"))
            data["category"] = categories.get(_normal(category)) if category else None
            if category and data["category"] is None:
                err(number, "category", _("There is no category with this name."))
            if _text(row.get("shelf_life_days")):
                try:
                    data["shelf_life_days"] = _whole(row["shelf_life_days"], language)
                    if not 1 <= data["shelf_life_days"] <= 36500:
                        raise ValidationError(_("Between 1 and 36500 days."))
                except ValidationError as error:
                    err(number, "shelf_life_days", " ".join(error.messages))
        pack = {"name": _text(row.get("pack")), "gtin": _text(row.get("gtin"))}
        try:
            pack["price"] = _whole(row.get("price"), language, price=True) if _text(row.get("price")) else ""
        except ValidationError as error:
            err(number, "price", " ".join(error.messages))
            continue
        try:
            pack["stock"] = _whole(row.get("stock"), language) if _text(row.get("stock")) else 0
        except ValidationError as error:
            err(number, "stock", " ".join(error.messages))
            continue
        form = PackForm(data=pack)
        if not form.is_valid():
            for field, messages in form.errors.items():
                key = {"name": "pack"}.get(field, field)
                err(number, key if key in {c.key for c in COLUMNS[PRODUCTS]} else "product", " ".join(messages))
            continue
        cleaned = dict(form.cleaned_data, id=None)
        if cleaned["gtin"]:
            if cleaned["gtin"] in gtins:
                err(number, "gtin", _("Two packs cannot have the same barcode number."))
            elif catalogue_services.ProductVariant.objects.filter(gtin=cleaned["gtin"]).exists():
                err(number, "gtin", _("Another product already uses this barcode number."))
            gtins[cleaned["gtin"]] = number
        product["packs"].append(cleaned)
    return errors, list(products.values())


def import_products(producer, user, rows, language: str) -> tuple[int, list[RowError]]:
    errors, products = _check_products(producer, rows, language)
    if errors:
        return 0, errors
    with transaction.atomic():
        for product in products:
            try:
                catalogue_services.save_product(producer, user, product["data"], product["packs"], [])
            except ValidationError as error:
                errors += [RowError(product["row"], label_of(PRODUCTS, "product"), m) for _f, m in _messages(error)]
        if errors:
            transaction.set_rollback(True)
            return 0, errors
    return len(products), []


# --- Batches ---------------------------------------------------------------------------------------


def import_batches(producer, user, rows, language: str) -> tuple[int, list[RowError]]:
    errors, batches = [], []
    products = {_normal(p.title): p for p in traceability_services.products_of(producer)}

    def err(number, key, message):
        errors.append(RowError(number, label_of(BATCHES, key), str(message)))

    for number, row in rows:
        product = products.get(_normal(row.get("product")))
        if product is None:
            err(number, "product", _("You have no product with this name."))
            continue
        values = {"product": product, "lot_number": _text(row.get("lot"))[:50], "new_place": _text(row.get("place"))}
        pack = _text(row.get("pack"))
        if pack:
            values["variant"] = next((v for v in product.variants.all() if _normal(v.name) == _normal(pack)), None)
            if values["variant"] is None:
                err(number, "pack", _("This product has no pack with this name."))
        for key in ("production_date", "expiry_date"):
            if key == "expiry_date" and not _text(row.get(key)):
                values[key] = traceability_services.shelf_life_expiry(product, values.get("production_date"))
                continue
            try:
                values[key] = _date(row.get(key))
            except ValidationError as error:
                err(number, key, " ".join(error.messages))
        try:
            values["quantity"] = Decimal(_text(row.get("quantity")).replace(",", "."))
            if values["quantity"] <= 0:
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            err(number, "quantity", _("Enter a quantity above zero."))
        try:
            values["unit"] = _unit(row.get("unit"))
        except ValidationError as error:
            err(number, "unit", " ".join(error.messages))
        batches.append((number, values))
    if errors:
        return 0, errors
    with transaction.atomic():
        for number, values in batches:
            try:
                traceability_services.create_batch(producer, **values)
            except ValidationError as error:
                for field, message in _messages(error):
                    key = {"lot_number": "lot", "variant": "pack", "origin": "place"}.get(field, field)
                    known = {c.key for c in COLUMNS[BATCHES]}
                    err(number, key if key in known else "product", message)
        if errors:
            transaction.set_rollback(True)
            return 0, errors
    return len(batches), []


def run_import(what: str, producer, user, upload, language: str) -> tuple[int, list[RowError]]:
    rows = read_rows(what, upload)
    if what == PRODUCTS:
        return import_products(producer, user, rows, language)
    return import_batches(producer, user, rows, language)


# --- Templates ---------------------------------------------------------------------------------------


def template_rows(what: str) -> list[list]:
    return [headings(what), [column.example for column in COLUMNS[what]]]


def template_csv(what: str) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(template_rows(what))
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx(what: str) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = str(_("Products") if what == PRODUCTS else _("Batches"))[:31]
    for row in template_rows(what):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 24
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
