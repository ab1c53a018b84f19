"""Demo batches: realistic chains, intact, idempotent."""

import io

import pytest

from traceability.models import Batch, Location, TraceEvent


@pytest.mark.django_db
def test_demo_batches_have_intact_chains_and_loading_twice_changes_nothing(demo_db):
    from django.core.management.base import BaseCommand

    from traceability import demo

    if not Batch.objects.exists():
        pytest.skip("the catalogue demo has none of the demo products yet")
    for batch in Batch.objects.all():
        assert batch.verify_chain().intact, batch
    nem = Batch.objects.filter(lot_number="NC-2611-15").first()
    if nem is not None:
        processing = nem.events.get(activity="processing")
        assert [i.input_batch.lot_number for i in processing.inputs.all()] == ["TT-2611-01"]
    counts = (Batch.objects.count(), TraceEvent.objects.count(), Location.objects.count())
    command = BaseCommand(stdout=io.StringIO())
    demo.load(command)
    assert (Batch.objects.count(), TraceEvent.objects.count(), Location.objects.count()) == counts
