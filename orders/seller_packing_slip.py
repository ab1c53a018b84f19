"""A packing slip for one order, as one business packs it: its own lines only, the buyer's
address and the order code as a Code 128 barcode (for the carrier's scanner), on A4 or A5."""

import io

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from reportlab.graphics.barcode import code128
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from portal.money import format_dong
from traceability.labels import register_fonts, wrap_text


def packing_slip_pdf(order, lines, producer, language: str = "vi", *, contact) -> bytes:
    """`lines` are the business's own lines of `order` (the caller narrows them); `contact` is
    the buyer as `orders.privacy` lets this business see them."""
    regular, bold = register_fonts()
    buffer = io.BytesIO()
    page_w, page_h = A5
    pdf = canvas.Canvas(buffer, pagesize=A5)
    pdf.setTitle(f"{order.code} — {producer.title}")
    left, right = 12 * mm, page_w - 12 * mm
    y = page_h - 14 * mm
    with translation.override(language):
        pdf.setFont(bold, 14)
        pdf.drawString(left, y, _("Packing slip"))
        pdf.setFont(regular, 9)
        pdf.drawRightString(right, y, producer.title)
        y -= 6 * mm
        placed = formats.date_format(timezone.localtime(order.created_at), "SHORT_DATETIME_FORMAT")
        pdf.drawString(left, y, _("Order %(code)s · %(placed)s") % {"code": order.code, "placed": placed})
        y -= 4 * mm
        barcode = code128.Code128(order.code, barHeight=14 * mm, barWidth=0.38 * mm, humanReadable=True)
        barcode.drawOn(pdf, left - barcode.lquiet + 0.5 * mm, y - 18 * mm)
        y -= 24 * mm

        pdf.setFont(bold, 10)
        pdf.drawString(left, y, _("Deliver to"))
        y -= 5 * mm
        pdf.setFont(regular, 10)
        if contact.hidden:
            recipient = [contact.name, str(contact.hidden_label)]
        else:
            recipient = [contact.name, contact.phone, *wrap_text(contact.address, regular, 10, right - left)]
        for text in filter(None, recipient):
            pdf.drawString(left, y, text)
            y -= 4.6 * mm
        if contact.note:
            pdf.setFont(regular, 8)
            for text in wrap_text(_("Note: %(note)s") % {"note": contact.note}, regular, 8, right - left)[:4]:
                pdf.drawString(left, y, text)
                y -= 3.8 * mm
        if order.wants_company_invoice:
            y = _draw_invoice_details(pdf, order, contact, (regular, bold), left, right, y)
        pdf.setFont(regular, 9)
        pdf.drawString(
            left,
            y,
            _("Payment: %(method)s — %(state)s")
            % {"method": order.get_payment_method_display(), "state": order.get_payment_status_display()},
        )
        y -= 8 * mm

        pdf.setFont(bold, 9)
        pdf.drawString(left, y, _("Item"))
        pdf.drawRightString(right - 28 * mm, y, _("Qty"))
        pdf.drawRightString(right, y, _("Amount"))
        y -= 2 * mm
        pdf.setStrokeGray(0.6)
        pdf.line(left, y, right, y)
        y -= 4.5 * mm
        total = 0
        pdf.setFont(regular, 9)
        for line in lines:
            name = f"{line.display_title} — {line.display_variant_name}"
            wrapped = wrap_text(name, regular, 9, right - left - 40 * mm)
            pdf.drawRightString(right - 28 * mm, y, str(line.quantity))
            pdf.drawRightString(right, y, format_dong(line.line_total))
            for text in wrapped:
                pdf.drawString(left, y, text)
                y -= 4.2 * mm
            if line.batch_id:
                pdf.setFont(regular, 7.5)
                pdf.drawString(left + 3 * mm, y, _("Lot: %(lot)s") % {"lot": line.batch.lot_number})
                pdf.setFont(regular, 9)
                y -= 4 * mm
            total += line.line_total
            y -= 1 * mm
            if y < 25 * mm:
                pdf.showPage()
                pdf.setFont(regular, 9)
                y = page_h - 14 * mm
        pdf.line(left, y + 2 * mm, right, y + 2 * mm)
        y -= 3 * mm
        pdf.setFont(bold, 9)
        pdf.drawString(left, y, _("Total of these items"))
        pdf.drawRightString(right, y, format_dong(total))
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _draw_invoice_details(pdf, order, contact, fonts, left, right, y):
    """The company the buyer asked the invoice for; returns the next line's height."""
    regular, bold = fonts
    y -= 1.5 * mm
    pdf.setFont(bold, 9)
    pdf.drawString(left, y, _("Company invoice"))
    y -= 4.2 * mm
    pdf.setFont(regular, 8.5)
    texts = [
        *wrap_text(order.invoice_company_name, regular, 8.5, right - left),
        _("Tax code: %(code)s") % {"code": order.invoice_tax_code},
        *wrap_text(order.invoice_address, regular, 8.5, right - left),
        contact.invoice_email,
    ]
    for text in filter(None, texts):
        pdf.drawString(left, y, text)
        y -= 3.9 * mm
    return y - 1 * mm
