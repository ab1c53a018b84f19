"""The demo posts agree with the researched facts in ../shared/data (skipped when absent)."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "catalogue" / "trade.json"
DEMO = Path(__file__).resolve().parents[2] / "trade" / "demo_data" / "posts.json"
UNITS = {"tonne": "tonne", "kg": "kg", "litre": "litre", "box": "box", "roll": "roll"}


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/data/catalogue/trade.json is not on this machine")
def test_demo_offers_match_the_researched_quantities_and_prices():
    facts = [row for row in json.loads(SHARED.read_text(encoding="utf-8")) if row["kind"] == "offer"]
    demo = {row["owner"]: row for row in json.loads(DEMO.read_text(encoding="utf-8")) if row["kind"] == "offer"}
    checked = 0
    for fact in facts:
        post = demo.get(fact["producer"])
        if post is None:
            continue
        assert Decimal(post["quantity"]) == Decimal(str(fact["quantity"])), fact["id"]
        assert post["price_per_unit"] == fact["price_per_unit_vnd"], fact["id"]
        assert post["unit"] == UNITS.get(fact["unit_en"], "piece"), fact["id"]
        checked += 1
    assert checked >= 7


def test_demo_posts_are_complete_in_both_languages():
    rows = json.loads(DEMO.read_text(encoding="utf-8"))
    assert len(rows) >= 12
    assert {row["kind"] for row in rows} == {"offer", "request"}
    for row in rows:
        for field in ("title_vi", "title_en", "description_vi", "description_en"):
            assert row[field].strip(), (row["title_en"], field)
