"""Recall: the banner on the trace page, the recall event in the chain, and the orders it reaches."""

import pytest

from traceability.models import BatchStatus
from traceability.services import affected_orders, recall_batch

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = pytest.mark.usefixtures("built_shop")


def test_recall_shows_a_banner_and_appends_an_event(client, shop, recorded_chain):
    recall_batch(shop.batch, "Phát hiện nấm mốc trong mẫu kiểm tra")
    shop.batch.refresh_from_db()
    assert shop.batch.status == BatchStatus.RECALLED
    last = shop.batch.events.order_by("-sequence").first()
    assert last.disposition == "recalled" and last.sequence == 4
    assert shop.batch.verify_chain().intact
    response = client.get(f"/t/{shop.batch.public_code}?lang=vi")
    assert "Phát hiện nấm mốc".encode() in response.content
    assert b'class="banner danger"' in response.content


def test_recall_needs_a_reason(shop):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        recall_batch(shop.batch, "  ")


def test_recall_reach_lists_orders_whose_lines_carry_the_batch(shop, other_shop):
    from django.apps import apps

    OrderLine = apps.get_model("orders", "OrderLine")
    if "batch" not in {f.name for f in OrderLine._meta.get_fields()}:
        pytest.skip("orders.OrderLine has no batch field yet (the orders issue adds it)")
    from tests.traceability.orders_helpers import make_order_with_line

    hit = make_order_with_line(shop.variant, batch=shop.batch)
    make_order_with_line(shop.variant, batch=None)
    make_order_with_line(other_shop.variant, batch=other_shop.batch)
    assert [o.pk for o in affected_orders(shop.batch)] == [hit.pk]
