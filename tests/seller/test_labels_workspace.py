"""Batch labels from the workspace: A4 sheet and thermal 50×30 / 40×30 mm, the QR decodes to the Digital Link."""

import io

import pypdfium2
import pytest
import zxingcpp

from .fulfilment_data import batch_of, food_product

pytestmark = pytest.mark.django_db
MM = 72 / 25.4


def _pages(content: bytes):
    pdf = pypdfium2.PdfDocument(io.BytesIO(content))
    return pdf, [pdf[i] for i in range(len(pdf))]


@pytest.mark.parametrize(("size", "width_mm"), [("50x30", 50), ("40x30", 40)])
def test_thermal_labels_one_per_page_with_words_and_a_qr_of_the_digital_link(seller_client, seller, size, width_mm):
    batch = batch_of(seller, food_product(seller))
    response = seller_client.get(f"/vi/seller/batches/{batch.pk}/labels-{size}.pdf?copies=3")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf, pages = _pages(response.content)
    assert len(pages) == 3
    width, height = pages[0].get_size()
    assert round(width / MM) == width_mm and round(height / MM) == 30
    text = pages[0].get_textpage().get_text_range()
    for words in ("Nước mắm cốt nhĩ", "Gói 1", f"Lô: {batch.lot_number}", "HSD", batch.gtin, "(10)"):
        assert words in text.replace("\r\n", " ").replace("\n", " "), words
    image = pages[0].render(scale=203 / 72).to_pil()  # a 203 dpi thermal head
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [batch.get_digital_link()]
    pdf.close()


def test_a4_sheet_of_labels_decodes_to_the_digital_link(seller_client, seller):
    batch = batch_of(seller, food_product(seller))
    response = seller_client.get(f"/en/seller/batches/{batch.pk}/labels-a4.pdf")
    assert response.status_code == 200
    pdf, pages = _pages(response.content)
    assert len(pages) == 1
    assert "Fish sauce" in pages[0].get_textpage().get_text_range()
    results = zxingcpp.read_barcodes(pages[0].render(scale=3).to_pil())
    assert len(results) == 40 and {r.text for r in results} == {batch.get_digital_link()}
    pdf.close()


def test_unknown_label_size_is_404(seller_client, seller):
    batch = batch_of(seller, food_product(seller))
    assert seller_client.get(f"/vi/seller/batches/{batch.pk}/labels-99x99.pdf").status_code == 404
