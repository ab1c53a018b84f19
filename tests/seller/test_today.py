"""The Today screen: what needs doing, each item a link to the thing itself, only the business's own."""

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from seller.today import PACK_WITHIN_DAYS, lines_to_pack, promised_date
from tests.factories.catalogue import make_product
from tests.seller.helpers import make_batch, make_inquiry, make_offer, make_order
from traceability.models import ScanAlert

pytestmark = pytest.mark.django_db


def test_lines_to_pack_oldest_first_with_promised_date_and_links(seller_client, seller):
    variant = make_product(seller[1], title="Nước mắm", variants=((100000, 50),)).variants.get()
    _new_order, new_line = make_order(variant, ago_days=0)
    old_order, old_line = make_order(variant, ago_days=3)
    make_order(variant, payment_method="card", status="awaiting_payment")  # unpaid card: nothing to pack yet
    assert list(lines_to_pack(seller[1])) == [old_line, new_line]
    page = seller_client.get("/vi/seller/").content.decode()
    assert page.index(old_order.code) < page.index(_new_order.code)
    assert f"/vi/seller/orders/lines/{old_line.pk}/" in page
    expected = timezone.localdate(old_order.created_at) + datetime.timedelta(days=PACK_WITHIN_DAYS)
    assert promised_date(old_order) == expected
    with translation.override("vi"):
        assert date_format(expected, "SHORT_DATE_FORMAT") in page


def test_unanswered_inquiries_low_stock_alerts_and_products_with_the_team(seller_client, seller, buyer, moderator):
    user, producer, _en = seller
    product = make_product(producer, title="Nước mắm", variants=((100000, 2),))
    inquiry = make_inquiry(make_offer(user, producer), buyer, "Giá sỉ bao nhiêu?")
    batch = make_batch(product, lot="NM-2026-07")
    ScanAlert.objects.create(batch=batch, kind="after_expiry", scan_count=3)
    page = seller_client.get("/en/seller/").content.decode()
    assert "Giá sỉ bao nhiêu?" in page and f"/en/seller/board/inquiries/{inquiry.pk}/" in page
    assert "2 left" in page and f"/en/seller/products/{product.pk}/" in page
    assert "NM-2026-07" in page and f"/en/seller/batches/{batch.pk}/" in page


def test_a_product_sent_back_shows_with_the_comment_on_today(seller_client, seller, moderator):
    from tests.seller.test_products import product_post

    seller_client.post("/vi/seller/products/new/", product_post())
    from catalogue.models import ProductPage

    page = ProductPage.objects.get(title="Nước mắm cốt 40 độ đạm")
    page.current_workflow_task_state.reject(user=moderator, comment="Ảnh bị mờ")
    text = seller_client.get("/vi/seller/").content.decode()
    assert "Nước mắm cốt 40 độ đạm" in text and "Ảnh bị mờ" in text


def test_today_shows_nothing_of_another_business(seller_client, seller, other_seller, buyer):
    other_user, other_producer, _en = other_seller
    product = make_product(other_producer, title="Chiếu cói B", variants=((100000, 1),))
    order, _line = make_order(product.variants.get())
    make_inquiry(make_offer(other_user, other_producer, "Bán chiếu"), buyer, "Câu hỏi cho B")
    ScanAlert.objects.create(batch=make_batch(product, lot="CC-B-1"), kind="burst")
    text = seller_client.get("/vi/seller/").content.decode()
    for foreign in ("Chiếu cói B", order.code, "Câu hỏi cho B", "CC-B-1"):
        assert foreign not in text


def test_a_new_business_sees_first_steps_until_it_has_a_product_and_a_batch(seller_client, seller):
    text = seller_client.get("/en/seller/").content.decode()
    assert "First steps" in text and "/en/seller/products/new/" in text and "Print labels" in text
    product = make_product(seller[1], title="Nước mắm")
    make_batch(product)
    assert "First steps" not in seller_client.get("/en/seller/").content.decode()
