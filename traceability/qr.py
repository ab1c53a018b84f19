"""QR codes of a batch's URI (qrcode: SVG and PNG) and the A4 label sheet (reportlab)."""

import io
from functools import lru_cache
from pathlib import Path

import qrcode
import qrcode.image.svg
from django.utils import formats, translation
from django.utils.translation import gettext as _

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def _qr(uri: str) -> qrcode.QRCode:
    # Error correction M survives a scuffed label; border 4 is the quiet zone the standard asks for.
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=10, border=4)
    code.add_data(uri)
    code.make(fit=True)
    return code


@lru_cache(maxsize=512)
def qr_svg(uri: str) -> bytes:
    image = _qr(uri).make_image(image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()


@lru_cache(maxsize=512)
def qr_png(uri: str, box_size: int = 10) -> bytes:
    code = _qr(uri)
    code.box_size = box_size
    buffer = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    return buffer.getvalue()


def _register_fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    return "DejaVuSans", "DejaVuSans-Bold"


def label_sheet_pdf(batch, product_title: str, language: str = "vi", columns: int = 3, rows: int = 8) -> bytes:
    """An A4 sheet of identical labels: product, lot, dates and the batch's QR code."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    regular, bold = _register_fonts()
    uri = batch.get_digital_link()
    qr_image = ImageReader(io.BytesIO(qr_png(uri, 8)))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(f"{product_title} — {batch.lot_number}")
    page_w, page_h = A4
    margin_x, margin_y = 8 * mm, 12 * mm
    cell_w = (page_w - 2 * margin_x) / columns
    cell_h = (page_h - 2 * margin_y) / rows
    qr_size = min(cell_h - 4 * mm, 30 * mm)
    with translation.override(language):
        lot_label = _("Lot")
        made_label = _("Made")
        expiry_label = _("Use by")
        made = formats.date_format(batch.production_date, "SHORT_DATE_FORMAT")
        expiry = formats.date_format(batch.expiry_date, "SHORT_DATE_FORMAT") if batch.expiry_date else ""
    for row in range(rows):
        for col in range(columns):
            x = margin_x + col * cell_w
            y = page_h - margin_y - (row + 1) * cell_h
            pdf.setStrokeGray(0.8)
            pdf.rect(x, y, cell_w, cell_h, stroke=1, fill=0)
            pdf.drawImage(qr_image, x + 2 * mm, y + (cell_h - qr_size) / 2, qr_size, qr_size)
            tx = x + qr_size + 4 * mm
            width = cell_w - qr_size - 6 * mm
            text_y = y + cell_h - 7 * mm
            pdf.setFont(bold, 8)
            for line in _wrap(product_title, bold, 8, width)[:2]:
                pdf.drawString(tx, text_y, line)
                text_y -= 3.6 * mm
            pdf.setFont(regular, 7)
            for line in (
                f"{lot_label}: {batch.lot_number}",
                f"{made_label}: {made}",
                f"{expiry_label}: {expiry}" if expiry else "",
            ):
                if line:
                    pdf.drawString(tx, text_y, line)
                    text_y -= 3.4 * mm
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

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
    return lines
