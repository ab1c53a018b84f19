"""Import from XLSX or CSV: every row checked, errors by row and column, all rows or none."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalogue.models import ProductPage, ProductVariant
from tests.factories.catalogue import make_product
from traceability.models import Batch

pytestmark = pytest.mark.django_db


def xlsx(rows, name="sheet.xlsx"):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def csv_file(text, name="sheet.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8-sig"), content_type="text/csv")


def english_product_rows():
    return [
        ["Product name", "Short description", "Category", "Shelf life (days)", "Pack", "Price (đồng)", "In stock"],
        ["Nước mắm cốt", "Ủ 18 tháng", "", 730, "Chai 500 ml", 120000, 30],
        ["Nước mắm cốt", "", "", "", "Chai 1 lít", 210000, 12],
        ["Chiếu cói", "Dệt tay", "", "", "Đôi 1,6 m", 350000, 5],
    ]


def test_products_with_packs_from_xlsx_wait_for_approval(seller_client, seller):
    response = seller_client.post("/en/seller/import/", {"what": "products", "file": xlsx(english_product_rows())})
    assert response.status_code == 302, response.content.decode()[-3000:]
    fish = ProductPage.objects.get(title="Nước mắm cốt")
    assert not fish.live and fish.current_workflow_state is not None
    assert fish.get_parent().pk == seller[1].pk and fish.shelf_life_days == 730
    assert sorted(ProductVariant.objects.filter(product=fish).values_list("price", flat=True)) == [120000, 210000]
    assert ProductPage.objects.filter(title="Chiếu cói").exists()


def test_a_single_bad_row_stores_nothing_and_names_row_and_column(seller_client, seller):
    rows = english_product_rows()
    rows[3][5] = -5  # a negative price on spreadsheet row 4
    response = seller_client.post("/en/seller/import/", {"what": "products", "file": xlsx(rows)})
    assert response.status_code == 400
    text = response.content.decode()
    assert "<td>4</td><td>Price (đồng)</td>" in text
    assert not ProductPage.objects.exists() and not ProductVariant.objects.exists()


def test_csv_in_vietnamese_with_prices_as_vietnamese_write_them(seller_client, seller):
    headings = seller_client.get("/vi/seller/import/products-template.csv").content.decode("utf-8-sig").split("\r\n")[0]
    assert headings.startswith("Tên sản phẩm *,")
    text = headings + "\n" + 'Nem chua,Nem chua Thanh Hóa,,30,Hộp 10 chiếc,"50.000",20,\n'
    response = seller_client.post("/vi/seller/import/", {"what": "products", "file": csv_file(text)})
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert ProductVariant.objects.get(product__title="Nem chua").price == 50000


def test_missing_required_column_is_refused(seller_client, seller):
    response = seller_client.post("/en/seller/import/", {"what": "products", "file": csv_file("Pack,Price\nx,1\n")})
    assert response.status_code == 400 and "These columns are missing" in response.content.decode()


def test_a_file_that_is_not_a_spreadsheet_is_refused(seller_client, seller):
    fake = SimpleUploadedFile("sheet.xlsx", b"MZ not a zip")
    response = seller_client.post("/en/seller/import/", {"what": "products", "file": fake})
    assert response.status_code == 400
    assert not ProductPage.objects.exists()


def test_batches_from_csv_use_traceability_and_are_all_or_nothing(seller_client, seller):
    product = make_product(seller[1], title="Nước mắm cốt", variants=((120000, 10),))
    pack = product.variants.get().name
    good = (
        "Product name,Pack,Lot,Production date,Expiry date,Quantity,Unit,Where it was made\n"
        f"Nước mắm cốt,{pack},NM-1,01/11/2026,01/11/2028,200,l,Xưởng Ngư Lộc\n"
        f"Nước mắm cốt,{pack},,02/11/2026,,150,l,\n"
    )
    bad = good + "Nước mắm lạ,,,03/11/2026,,10,kg,\n"
    response = seller_client.post("/en/seller/import/", {"what": "batches", "file": csv_file(bad)})
    assert response.status_code == 400 and "<td>4</td><td>Product name</td>" in response.content.decode()
    assert not Batch.objects.exists()
    response = seller_client.post("/en/seller/import/", {"what": "batches", "file": csv_file(good)})
    assert response.status_code == 302
    lots = sorted(Batch.objects.filter(product=product).values_list("lot_number", flat=True))
    assert lots[1] == "NM-1" and lots[0]  # the second lot was proposed automatically


def test_another_business_product_cannot_be_named_in_a_batch_import(seller_client, seller, other_seller):
    make_product(other_seller[1], title="Chiếu cói B")
    text = "Product name,Production date,Quantity\nChiếu cói B,01/11/2026,5\n"
    response = seller_client.post("/en/seller/import/", {"what": "batches", "file": csv_file(text)})
    assert response.status_code == 400 and not Batch.objects.exists()


@pytest.mark.parametrize("lang,heading", [("vi", "Tên sản phẩm *"), ("en", "Product name *")])
def test_templates_download_in_both_languages_and_formats(seller_client, seller, lang, heading):
    response = seller_client.get(f"/{lang}/seller/import/products-template.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(1, 1).value == heading
    csv_response = seller_client.get(f"/{lang}/seller/import/batches-template.csv")
    assert csv_response.status_code == 200 and csv_response.content.startswith(b"\xef\xbb\xbf")
    assert seller_client.get(f"/{lang}/seller/import/nothing-template.xlsx").status_code == 404


def test_the_downloaded_template_imports_as_it_is(seller_client, seller):
    template = seller_client.get("/vi/seller/import/products-template.xlsx").content
    response = seller_client.post(
        "/vi/seller/import/", {"what": "products", "file": SimpleUploadedFile("t.xlsx", template)}
    )
    assert response.status_code == 302
    assert ProductPage.objects.filter(title="Nước mắm cốt 40 độ đạm").exists()
