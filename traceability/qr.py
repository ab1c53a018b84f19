"""QR codes of a batch's URI (qrcode: SVG and PNG) and the A4 label sheet (reportlab)."""

import io
from functools import lru_cache
from pathlib import Path

import qrcode
import qrcode.image.svg

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
