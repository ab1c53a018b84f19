"""A recall reaches the buyers of the batch: their order page warns them, and they are e-mailed once."""

import datetime
import uuid

import pytest
from django.core import mail

from orders.models import LineStatus, OrderLine
from orders.services import CustomerDetails, change_line_status, place_order, record_shipment
from traceability.models import Batch
from traceability.services import recall_batch

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_order_shop")]

PHONE = "0978123456"


@pytest.fixture
def order(shop):
    from portal.places import ward_choices

    details = CustomerDetails(
        "Đỗ Minh", PHONE, "minh@example.com", 38, ward_choices(38)[0][0], "9 Hạc Thành", "", "cod"
    )
    order, _ = place_order({shop.variant_a.pk: 2, shop.variant_b.pk: 1}, details, uuid.uuid4().hex, language="en")
    return order


@pytest.fixture
def batch(shop):
    return Batch.objects.create(
        product=shop.product_a,
        variant=shop.variant_a,
        lot_number="NC-2026-07",
        production_date=datetime.date(2026, 11, 1),
        quantity=100,
    )


def _pack_from(order, producer, batch, user):
    line = order.lines.get(producer=producer)
    line = change_line_status(line, LineStatus.PACKED, actor=user)
    return record_shipment(line, batch, actor=user)


def _order_page(client, order, lang="en"):
    client.post(f"/{lang}/orders/{order.code}/", {"phone": PHONE})  # the buyer's own phone opens the page
    response = client.get(f"/{lang}/orders/{order.code}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_recall_warns_on_the_order_page_and_emails_the_buyer_once(
    client, shop, business_users, order, batch, django_capture_on_commit_callbacks
):
    _pack_from(order, shop.producer_a, batch, business_users[0])
    assert "Recall" not in _order_page(client, order)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        recall_batch(batch, "Listeria found in a sample", business_users[0])

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["minh@example.com"]
    assert order.code[:4] in message.subject and "recalled" in message.subject
    assert "NC-2026-07" in message.body and "Listeria found in a sample" in message.body
    assert "Nem chua" in message.body and "Chiếu cói" not in message.body  # only the recalled line
    assert order.get_absolute_url() in message.body

    page = _order_page(client, order)
    assert "Recall: do not eat or use these items" in page
    assert "NC-2026-07" in page and "Listeria found in a sample" in page
    assert OrderLine.objects.get(order=order, producer=shop.producer_a).recall_notified_at is not None

    # A second recall run and a re-save of the line do not e-mail again.
    with django_capture_on_commit_callbacks(execute=True):
        recall_batch(batch, "Listeria found in a sample (confirmed)", business_users[0])
        line = OrderLine.objects.get(order=order, producer=shop.producer_a)
        line.save()
    assert len(mail.outbox) == 1


def test_a_line_packed_from_an_already_recalled_batch_tells_its_buyer(
    client, shop, business_users, order, batch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        recall_batch(batch, "Wrong label", business_users[0])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _pack_from(order, shop.producer_a, batch, business_users[0])
    assert len(mail.outbox) == 1 and "Wrong label" in mail.outbox[0].body
    assert "Wrong label" in _order_page(client, order, "vi")


def test_a_recall_does_not_reach_lines_still_pending(client, shop, business_users, order, batch):
    line = order.lines.get(producer=shop.producer_a)
    OrderLine.objects.filter(pk=line.pk).update(batch=batch)  # chosen, but nothing packed yet
    mail.outbox.clear()
    recall_batch(batch, "Wrong label", business_users[0])
    assert mail.outbox == []
    assert "Wrong label" not in _order_page(client, order)


def test_the_order_page_links_a_packed_line_to_its_batchs_trace_page(client, shop, business_users, order, batch):
    assert batch.get_absolute_url() not in _order_page(client, order)
    _pack_from(order, shop.producer_a, batch, business_users[0])
    page = _order_page(client, order)
    assert f'href="{batch.get_absolute_url()}"' in page
    assert "Where lot NC-2026-07 comes from" in page
