"""The order page's transfer details: the bank's name, copy buttons and the QR code as a PNG to save."""

import io
import uuid

import pytest
from PIL import Image

from orders.services import CustomerDetails, place_order
from portal.places import ward_choices

pytestmark = pytest.mark.django_db


@pytest.fixture
def transfer_order_page(client, shop):
    details = CustomerDetails("Lò Thị Mai", "0356789123", "", 38, ward_choices(38)[0][0], "Bản Lác", "", "vietqr")
    order, _ = place_order({shop.variant_a.pk: 2}, details, uuid.uuid4().hex)
    session = client.session
    session["orders_access"] = [order.code]  # as placing it in this browser does
    session.save()
    response = client.get(f"/vi/orders/{order.code}/")
    assert response.status_code == 200
    return order, response.content.decode()


def test_transfer_details_name_the_bank_and_offer_copy_buttons(transfer_order_page, settings):
    order, page = transfer_order_page
    assert "Vietcombank" in page  # settings.VIETQR_BANK_BIN 970436
    assert f'data-copy="{settings.VIETQR_ACCOUNT_NUMBER}"' in page
    assert f'data-copy="{order.total}"' in page
    assert f'data-copy="{order.code}"' in page
    assert "/static/portal/copy.js" in page and "<script>" not in page


def test_the_qr_code_downloads_as_a_png_for_the_orders_owner_only(client, transfer_order_page):
    order, page = transfer_order_page
    url = f"/vi/orders/{order.code}/vietqr.png"
    assert url in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert f"vietqr-{order.code}.png" in response["Content-Disposition"]
    assert Image.open(io.BytesIO(response.content)).size[0] >= 200
    client.logout()
    client.cookies.clear()
    assert client.get(url).status_code == 404
