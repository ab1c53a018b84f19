"""Company invoice details: asked for at checkout (tax code checked), kept on the order, shown to
the buyer (order page, confirmation e-mail) and to each business on its lines, slip and export."""

import io

import pypdfium2
import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from orders.models import Order
from portal.tax_codes import normalise_tax_code

from .conftest import checkout_data

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_order_shop")]

COMPANY = {
    "wants_invoice": "on",
    "invoice_company_name": "Công ty TNHH Nem Xứ Thanh",
    "invoice_tax_code": "0100 109 106",
    "invoice_address": "5 Hạc Thành, Thanh Hóa",
    "invoice_email": "ketoan@example.com",
}


@pytest.mark.parametrize(
    "raw, stored",
    [
        ("0100109106", "0100109106"),
        (" 0300588569 ", "0300588569"),
        ("0100109106-001", "0100109106-001"),
        ("0100109106001", "0100109106-001"),
    ],
)
def test_valid_tax_codes_are_normalised(raw, stored):
    assert normalise_tax_code(raw) == stored


@pytest.mark.parametrize(
    "raw, code",
    [
        ("0100109107", "tax_code_check"),  # check digit off by one
        ("010010910", "tax_code_format"),  # nine digits
        ("01001091061", "tax_code_format"),  # eleven
        ("0100109106-000", "tax_code_branch"),
        ("01001O9106", "tax_code_format"),  # a letter O
        ("", "tax_code_format"),
    ],
)
def test_bad_tax_codes_are_refused_with_a_reason(raw, code):
    with pytest.raises(ValidationError) as refused:
        normalise_tax_code(raw)
    assert refused.value.code == code


def add(client, variant, quantity=1):
    client.post("/vi/cart/add/", {"variant": variant.pk, "quantity": quantity}, HTTP_REFERER="/vi/")


def test_invoice_details_round_trip_to_order_page_and_confirmation(client, shop, django_capture_on_commit_callbacks):
    add(client, shop.variant_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/checkout/", checkout_data(client, **COMPANY))
    assert response.status_code == 302
    order = Order.objects.get()
    assert order.wants_company_invoice
    assert (order.invoice_company_name, order.invoice_tax_code, order.invoice_address, order.invoice_email) == (
        "Công ty TNHH Nem Xứ Thanh",
        "0100109106",
        "5 Hạc Thành, Thanh Hóa",
        "ketoan@example.com",
    )
    page = client.get(f"/en/orders/{order.code}/").content.decode()
    assert "Company invoice" in page and "Công ty TNHH Nem Xứ Thanh" in page and "0100109106" in page
    body = mail.outbox[0].body
    assert "Công ty TNHH Nem Xứ Thanh" in body and "0100109106" in body and "ketoan@example.com" in body


def test_bad_tax_code_is_a_clear_error_and_nothing_is_saved(client, shop):
    add(client, shop.variant_a)
    response = client.post("/en/checkout/", checkout_data(client, **{**COMPANY, "invoice_tax_code": "0100109107"}))
    assert response.status_code == 200
    assert "check digit is wrong" in response.content.decode()
    assert not Order.objects.exists()


def test_ticked_box_needs_the_company_and_its_address(client, shop):
    add(client, shop.variant_a)
    data = checkout_data(client, wants_invoice="on", invoice_tax_code="0100109106")
    response = client.post("/en/checkout/", data)
    assert response.status_code == 200 and response.content.decode().count("Needed for a company invoice") == 2
    assert not Order.objects.exists()


def test_unticked_box_drops_whatever_the_fields_hold(client, shop):
    add(client, shop.variant_a)
    data = checkout_data(client, **{**COMPANY, "wants_invoice": "", "invoice_tax_code": "garbage"})
    assert client.post("/en/checkout/", data).status_code == 302
    order = Order.objects.get()
    assert not order.wants_company_invoice and order.invoice_company_name == "" and order.invoice_email == ""


def test_invoice_email_falls_back_to_the_order_email(client, shop):
    add(client, shop.variant_a)
    assert client.post("/en/checkout/", checkout_data(client, **{**COMPANY, "invoice_email": ""})).status_code == 302
    assert Order.objects.get().invoice_email == "lan@example.com"


def test_checkout_page_shows_the_fields_without_javascript(client, shop):
    add(client, shop.variant_a)
    page = client.get("/en/checkout/").content.decode()
    assert 'name="wants_invoice"' in page and "checked" not in page.split('name="wants_invoice"')[1][:40]
    assert 'name="invoice_tax_code"' in page and "data-invoice-fields" in page
    assert "data-invoice-fields hidden" not in page


def test_business_sees_the_invoice_details_on_its_line_slip_and_export(client, shop, business_users):
    add(client, shop.variant_a)
    add(client, shop.variant_b)
    client.post("/en/checkout/", checkout_data(client, **COMPANY))
    order = Order.objects.get()
    line_a = order.lines.get(producer=shop.producer_a)
    client.force_login(business_users[0])
    page = client.get(f"/en/seller/orders/lines/{line_a.pk}/").content.decode()
    assert "Công ty TNHH Nem Xứ Thanh" in page and "0100109106" in page and "5 Hạc Thành" in page
    assert "Công ty TNHH Nem Xứ Thanh" in client.get("/en/seller/orders/").content.decode()
    slip = client.get(f"/en/seller/orders/{order.code}/slip.pdf")
    text = pypdfium2.PdfDocument(io.BytesIO(slip.content))[0].get_textpage().get_text_range()
    assert "Công ty TNHH Nem Xứ Thanh" in text and "0100109106" in text
    csv = b"".join(client.get("/admin/orders/lines/?export=csv").streaming_content).decode()
    assert "0100109106" in csv and "Công ty TNHH Nem Xứ Thanh" in csv and "ketoan@example.com" in csv
