"""Quantities read as people write them in each language: plural where English needs it, no
trailing zeros, the language's decimal mark — on batches (trace page, workspace) and the board."""

from decimal import Decimal

import pytest
from django.utils import translation

from traceability.models import Batch
from trade.models import Offer


@pytest.mark.parametrize(
    "language, quantity, unit, expected",
    [
        ("en", "300.000", "bottle", "300 bottles"),
        ("en", "1", "t", "1 tonne"),
        ("en", "0.125", "t", "0.125 tonnes"),
        ("en", "2.500", "kg", "2.5 kg"),
        ("vi", "300", "bottle", "300 chai"),
        ("vi", "2.5", "kg", "2,5 kg"),
        ("vi", "1", "t", "1 tấn"),
        ("vi", "12000", "kg", "12.000 kg"),
        ("en", "12000", "kg", "12,000 kg"),
    ],
)
def test_a_batch_quantity_in_each_language(language, quantity, unit, expected):
    with translation.override(language):
        assert Batch(quantity=Decimal(quantity), unit=unit).quantity_label == expected


def test_an_offers_minimum_order_has_its_plural():
    with translation.override("en"):
        assert Offer(min_order=Decimal("20"), unit="tonne").min_order_label == "20 tonnes"
        assert Offer(min_order=Decimal("1"), unit="tonne").min_order_label == "1 tonne"
        assert Offer(min_order=None, unit="tonne").min_order_label == ""
