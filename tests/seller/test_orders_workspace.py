"""The workspace's orders: a business's own lines, packed, shipped with its own batch, delivered."""

import io

import pypdfium2
import pytest
import zxingcpp

from orders.models import LineStatus, OrderEvent, OrderLine
from orders.seller_services import ship_line
from tests.factories.catalogue import make_product

from .fulfilment_data import batch_of, food_product, order_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def goods(seller, other_seller):
    product = food_product(seller)
    mat = make_product(other_seller[1], title="Chiếu cói Nga Sơn", variants=((300_000, 5),))
    order = order_of(product.variants.first(), mat.variants.first())
    mine = order.lines.get(producer=seller[1])
    theirs = order.lines.get(producer=other_seller[1])
    return product, order, mine, theirs


def test_orders_list_shows_own_lines_with_buyer_payment_and_delivery(seller_client, goods):
    product, order, mine, theirs = goods
    body = seller_client.get("/vi/seller/orders/").content.decode()
    assert order.code in body and "Lê Thị Mai" in body and "0987654321" in body and "Trần Phú" in body
    assert "Thanh toán khi nhận hàng" in body  # payment method, in Vietnamese
    assert f"/vi/seller/orders/lines/{mine.pk}/" in body
    assert "Chiếu cói" not in body and f"/orders/lines/{theirs.pk}/" not in body


def test_another_business_line_and_packing_slip_are_404_and_logged(seller_client, goods, caplog):
    _product, order, _mine, theirs = goods
    with caplog.at_level("WARNING", logger="xuthanh.security"):
        assert seller_client.get(f"/vi/seller/orders/lines/{theirs.pk}/").status_code == 404
        assert seller_client.post(f"/vi/seller/orders/lines/{theirs.pk}/", {"action": "pack"}).status_code == 404
        assert seller_client.get("/vi/seller/orders/NOTMINE1/slip.pdf").status_code == 404
    assert sum("another business" in r.getMessage() for r in caplog.records) >= 3
    assert OrderLine.objects.get(pk=theirs.pk).status == LineStatus.PENDING


def test_line_is_packed_then_shipped_with_its_batch_then_delivered(seller_client, seller, goods):
    product, order, mine, _theirs = goods
    batch = batch_of(seller, product)
    url = f"/vi/seller/orders/lines/{mine.pk}/"
    assert seller_client.post(url, {"action": "pack"}).status_code == 302
    page = seller_client.get(url).content.decode()
    assert batch.lot_number in page  # offered in the batch choice
    assert seller_client.post(url, {"action": "ship", "batch": batch.pk}).status_code == 302
    mine.refresh_from_db()
    assert mine.status == LineStatus.SHIPPED and mine.batch_id == batch.pk
    # The batch's chain shows the parcel leaving, without the buyer's details.
    shipping = batch.events.get(activity="shipping")
    assert "Thanh Hóa" in shipping.description_vi and "Lê Thị Mai" not in shipping.description_vi
    intact, _broken = batch.verify_chain()
    assert intact
    assert seller_client.post(url, {"action": "deliver"}).status_code == 302
    mine.refresh_from_db()
    assert mine.status == LineStatus.DELIVERED
    assert OrderEvent.objects.filter(order=order, kind="line_status").count() == 3


def test_food_line_is_not_shipped_without_a_batch(seller_client, goods):
    _product, _order, mine, _theirs = goods
    OrderLine.objects.filter(pk=mine.pk).update(status=LineStatus.PACKED)
    response = seller_client.post(f"/vi/seller/orders/lines/{mine.pk}/", {"action": "ship", "batch": ""})
    assert response.status_code == 400
    assert OrderLine.objects.get(pk=mine.pk).status == LineStatus.PACKED


def test_another_business_batch_cannot_be_chosen(seller_client, other_seller, goods):
    _product, _order, mine, _theirs = goods
    foreign = batch_of(other_seller, food_product(other_seller, title="Nước mắm B"))
    OrderLine.objects.filter(pk=mine.pk).update(status=LineStatus.PACKED)
    response = seller_client.post(f"/vi/seller/orders/lines/{mine.pk}/", {"action": "ship", "batch": foreign.pk})
    assert response.status_code == 400
    line = OrderLine.objects.get(pk=mine.pk)
    assert line.status == LineStatus.PACKED and line.batch_id is None
    assert not foreign.events.exists()


def test_line_of_an_unpaid_transfer_order_cannot_be_shipped(seller_client, seller):
    from django.core.exceptions import ValidationError

    product = food_product(seller)
    batch = batch_of(seller, product)
    order = order_of(product.variants.first(), method="vietqr")
    line = order.lines.get()
    page = seller_client.get(f"/vi/seller/orders/lines/{line.pk}/").content.decode()
    assert "Chưa thanh toán" in page or "chưa thanh toán" in page.lower()
    assert 'value="ship"' not in page and 'value="pack"' not in page
    OrderLine.objects.filter(pk=line.pk).update(status=LineStatus.PACKED)  # even if it got packed somehow
    with pytest.raises(ValidationError):
        ship_line(OrderLine.objects.get(pk=line.pk), batch, actor=seller[0])
    response = seller_client.post(f"/vi/seller/orders/lines/{line.pk}/", {"action": "ship", "batch": batch.pk})
    assert response.status_code == 400
    assert OrderLine.objects.get(pk=line.pk).status == LineStatus.PACKED and not batch.events.exists()


def test_invalid_action_is_a_clear_400(seller_client, goods):
    _product, _order, mine, _theirs = goods
    assert seller_client.post(f"/vi/seller/orders/lines/{mine.pk}/", {"action": "explode"}).status_code == 400
    assert seller_client.post(f"/vi/seller/orders/lines/{mine.pk}/", {"action": "deliver"}).status_code == 400
    assert OrderLine.objects.get(pk=mine.pk).status == LineStatus.PENDING


def test_packing_slip_has_only_own_lines_address_and_the_order_code_as_barcode(seller_client, goods):
    product, order, _mine, _theirs = goods
    response = seller_client.get(f"/vi/seller/orders/{order.code}/slip.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(io.BytesIO(response.content))
    page = pdf[0]
    text = page.get_textpage().get_text_range()
    assert product.title in text and "Chiếu cói" not in text
    assert "Lê Thị Mai" in text and "Trần Phú" in text and "0987654321" in text
    image = page.render(scale=4).to_pil()
    codes = [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.Code128]
    assert codes == [order.code]
    page.close()
    pdf.close()
