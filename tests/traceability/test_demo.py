"""Demo batches: realistic chains, intact, idempotent.

Loads only the demo parts traceability depends on (portal, catalogue, traceability), so that
this test does not depend on the other apps' demo content.
"""

import datetime
import io

import pytest
from django.core.management.base import BaseCommand

from traceability.models import Batch, Location, TraceEvent


def test_demo_batches_have_intact_chains_and_loading_twice_changes_nothing(db, settings):
    import os

    # Overridden settings (the autouse session fixture) forget the module name the demo checks.
    settings.SETTINGS_MODULE = os.environ["DJANGO_SETTINGS_MODULE"]
    from catalogue import demo as catalogue_demo
    from portal import demo as portal_demo
    from traceability import demo

    command = BaseCommand(stdout=io.StringIO())
    portal_demo.load(command)
    catalogue_demo.load(command)
    demo.load(command)
    if not Batch.objects.exists():
        pytest.skip("the catalogue demo has none of the demo products")
    assert Batch.objects.count() >= 4 and TraceEvent.objects.count() >= 20
    for batch in Batch.objects.all():
        assert batch.verify_chain().intact, batch
    nem = Batch.objects.get(lot_number="NC-2611-15")
    processing = nem.events.get(activity="processing")
    assert processing.event_type == "TransformationEvent"
    assert [i.input_batch.lot_number for i in processing.inputs.all()] == ["TT-2611-01"]
    rice = Batch.objects.get(lot_number="NCHV-2610-A")
    assert list(rice.events.values_list("activity", flat=True)) == [
        "planting", "fertilising", "spraying", "harvesting", "processing",
        "inspecting", "packing", "storing", "shipping",
    ]  # fmt: skip
    # Every food product has a batch that agrees with its page: its own pack, its shelf life.
    from catalogue.models import ProductPage

    foods = ProductPage.objects.filter(locale__language_code="vi", shelf_life_days__isnull=False)
    for product in foods.filter(variants__isnull=False).distinct():
        batches = Batch.objects.filter(product=product)
        assert batches.exists(), product.slug
        for batch in batches:
            assert batch.expiry_date - batch.production_date == datetime.timedelta(days=product.shelf_life_days)
            assert batch.variant is None or batch.variant.product_id == product.pk
    fish_sauce = Batch.objects.get(lot_number="NM-2608-03")
    assert "250 ml" in fish_sauce.events.get(activity="packing").description_en
    assert "24 months" in fish_sauce.events.get(activity="storing").description_en
    assert Batch.objects.filter(status="recalled").count() == 1
    assert "not a real recall" in Batch.objects.get(status="recalled").recall_reason
    for batch in Batch.objects.all():
        assert batch.verify_chain().intact, batch
    # Every demo eventID recomputes with both GS1 oracles.
    from traceability.trace_page import trace_document

    from .oracles import epcis2js_hashes, python_hashes

    verified = 0
    for batch in Batch.objects.all():
        document = trace_document(batch)
        ids = [e["eventID"] for e in document["epcisBody"]["eventList"]]
        assert python_hashes(document) == ids, batch
        assert epcis2js_hashes(document) == ids, batch
        verified += len(ids)
    assert verified == TraceEvent.objects.count()
    counts = (Batch.objects.count(), TraceEvent.objects.count(), Location.objects.count())
    demo.load(command)
    assert (Batch.objects.count(), TraceEvent.objects.count(), Location.objects.count()) == counts
