"""Batch labels as PDF: an A4 sheet, and one label per page for 50×30 mm and 40×30 mm thermal printers.

Each label carries the batch's QR code (its GS1 Digital Link), the product, the pack, the lot
and the expiry date in words a shopper reads, and — as GS1 labels show them — the GTIN and lot
in element-string form under the code. The QR is drawn as vector squares so a 203 dpi
thermal head prints it sharp at any size.
"""

import io
from dataclasses import dataclass

from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from portal.i18n import in_active_language

from .qr import _qr, _register_fonts

register_fonts = _register_fonts  # DejaVu Sans: Vietnamese glyphs in every PDF of the workspace


@dataclass(frozen=True)
class LabelSize:
    key: str
    width: float  # points
    height: float
    name: str


THERMAL_SIZES = {
    "50x30": LabelSize("50x30", 50 * mm, 30 * mm, "50 × 30 mm"),
    "40x30": LabelSize("40x30", 40 * mm, 30 * mm, "40 × 30 mm"),
}
MAX_COPIES = 500


@dataclass(frozen=True)
class LabelText:
    uri: str
    product: str
    pack: str
    lot_line: str
    expiry_line: str
    gs1_line: str  # "(01) 08934567890120 (10) 261202-1", under the code


def label_text(batch, product_title: str, pack_name: str, language: str) -> LabelText:
    with translation.override(language):
        lot_line = _("Lot: %(lot)s") % {"lot": batch.lot_number}
        expiry_line = (
            _("Use by: %(date)s") % {"date": formats.date_format(batch.expiry_date, "SHORT_DATE_FORMAT")}
            if batch.expiry_date
            else ""
        )
    gs1 = f"(01) {batch.gtin} (10) {batch.lot_number}" if batch.gtin else f"(10) {batch.lot_number}"
    return LabelText(batch.get_digital_link(), product_title, pack_name, lot_line, expiry_line, gs1)


def batch_label_text(batch, language: str) -> LabelText:
    """The words on a batch's labels, in `language` (the product's title in that language)."""
    with translation.override(language):
        title = in_active_language(batch.product).title
    pack = (batch.variant.display_name if batch.variant_id else "") or ""
    return label_text(batch, title, pack, language)


def _draw_qr(pdf, uri: str, x: float, y: float, size: float) -> None:
    """The QR code with its quiet zone, as filled squares (no raster scaling)."""
    matrix = _qr(uri).get_matrix()
    module = size / len(matrix)
    pdf.setFillGray(1)
    pdf.rect(x, y, size, size, stroke=0, fill=1)
    pdf.setFillGray(0)
    path = pdf.beginPath()
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                path.rect(x + c * module, y + size - (r + 1) * module, module, module)
    pdf.drawPath(path, stroke=0, fill=1)


def _fit(text: str, font: str, size: float, width: float) -> float:
    """The largest font size up to `size` at which `text` fits `width` (not below 4 pt)."""
    while size > 4 and stringWidth(text, font, size) > width:
        size -= 0.25
    return size


def wrap_text(text: str, font: str, size: float, width: float, max_lines: int = 0) -> list[str]:
    """Lines of `text` that fit `width`; with `max_lines`, the last one ends in an ellipsis when cut."""
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if stringWidth(candidate, font, size) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        while lines[-1] and stringWidth(lines[-1] + "…", font, size) > width:
            lines[-1] = lines[-1][:-1]
        lines[-1] += "…"
    return lines


def draw_label(pdf, text: LabelText, x: float, y: float, width: float, height: float) -> None:
    """One label in the box (x, y, width, height): code and GS1 line on the left, words on the right."""
    regular, bold = _register_fonts()
    pad = 1.5 * mm
    gs1_size = 4.6 if width < 45 * mm else 5
    qr_size = min(height - 2 * pad - 2 * gs1_size, width * 0.5)
    qr_x, qr_y = x + pad, y + height - pad - qr_size
    _draw_qr(pdf, text.uri, qr_x, qr_y, qr_size)
    # GTIN and lot under the code, as GS1 labels print them (one line each when it does not fit).
    pdf.setFillGray(0)
    pdf.setFont(regular, gs1_size)
    parts = [text.gs1_line]
    if stringWidth(text.gs1_line, regular, gs1_size) > qr_size and ") " in text.gs1_line[5:]:
        cut = text.gs1_line.index(" (10)")
        parts = [text.gs1_line[:cut], text.gs1_line[cut + 1 :]]
    line_y = qr_y - gs1_size
    for part in parts[:2]:
        size = _fit(part, regular, gs1_size, qr_size + pad)
        pdf.setFont(regular, size)
        pdf.drawString(qr_x, line_y, part)
        line_y -= gs1_size + 0.5
    # The words a shopper reads, to the right of the code.
    tx = qr_x + qr_size + 1 * mm
    tw = x + width - pad - tx
    ty = y + height - pad - 6
    title_size = 6.5 if width < 45 * mm else 7.5
    pdf.setFont(bold, title_size)
    for line in wrap_text(text.product, bold, title_size, tw, 3):
        pdf.drawString(tx, ty, line)
        ty -= title_size + 1
    body_size = 5.5 if width < 45 * mm else 6.5
    for line in (text.pack, text.lot_line, text.expiry_line):
        if not line:
            continue
        size = _fit(line, regular, body_size, tw)
        pdf.setFont(regular, size)
        for wrapped in wrap_text(line, regular, size, tw, 2):
            pdf.drawString(tx, ty, wrapped)
            ty -= size + 1


def thermal_labels_pdf(text: LabelText, size: LabelSize, copies: int = 1) -> bytes:
    """One label per page, the page the size of the label, as thermal printers expect."""
    copies = max(1, min(copies, MAX_COPIES))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(size.width, size.height))
    pdf.setTitle(f"{text.product} — {text.lot_line}")
    for _copy in range(copies):
        draw_label(pdf, text, 0, 0, size.width, size.height)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def a4_sheet_pdf(text: LabelText, columns: int = 4, rows: int = 10) -> bytes:
    """An A4 sheet of identical 48 × 25.7 mm-class labels with cutting guides."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(f"{text.product} — {text.lot_line}")
    page_w, page_h = A4
    margin_x, margin_y = 8 * mm, 10 * mm
    cell_w = (page_w - 2 * margin_x) / columns
    cell_h = (page_h - 2 * margin_y) / rows
    for row in range(rows):
        for col in range(columns):
            x = margin_x + col * cell_w
            y = page_h - margin_y - (row + 1) * cell_h
            pdf.setStrokeGray(0.8)
            pdf.rect(x, y, cell_w, cell_h, stroke=1, fill=0)
            draw_label(pdf, text, x, y, cell_w, cell_h)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
