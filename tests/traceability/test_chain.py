"""The hash chain: append-only events, verification, a tampered row detected."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from traceability.models import TraceEvent
from traceability.services import record_event


def test_chain_of_recorded_events_is_intact_and_linked(recorded_chain, shop):
    first, second, third = recorded_chain
    assert [e.sequence for e in recorded_chain] == [1, 2, 3]
    assert first.previous_hash == "" and second.previous_hash == first.record_hash
    assert third.previous_hash == second.record_hash
    assert third.event_id.startswith("ni:///sha-256;") and third.event_id.endswith("?ver=CBV2.0")
    result = shop.batch.verify_chain()
    assert result.intact and result.broken_event is None and result.count == 3


def test_tampered_row_is_detected_at_that_event(recorded_chain, shop):
    second = recorded_chain[1]
    with connection.cursor() as cursor:  # what an attacker with database access would do
        cursor.execute("UPDATE traceability_traceevent SET dose = '0.2 kg/ha' WHERE id = %s", [second.pk])
    intact, broken = shop.batch.verify_chain()
    assert not intact
    assert broken.pk == second.pk


def test_rewritten_hash_is_detected_by_the_next_event(recorded_chain, shop):
    from traceability.chain import chain_hash, stored_facts

    second = TraceEvent.objects.get(pk=recorded_chain[1].pk)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE traceability_traceevent SET dose = '0.2 kg/ha' WHERE id = %s", [second.pk])
    second = TraceEvent.objects.get(pk=second.pk)
    forged = chain_hash(second.previous_hash, stored_facts(second))
    with connection.cursor() as cursor:  # recompute this row's hash too: the next link still breaks
        cursor.execute("UPDATE traceability_traceevent SET record_hash = %s WHERE id = %s", [forged, second.pk])
    intact, broken = shop.batch.verify_chain()
    assert not intact and broken.pk == recorded_chain[2].pk


def test_deleted_row_is_detected(recorded_chain, shop):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM traceability_traceevent WHERE id = %s", [recorded_chain[1].pk])
    intact, broken = shop.batch.verify_chain()
    assert not intact and broken.pk == recorded_chain[2].pk


def test_events_refuse_update_and_delete(recorded_chain):
    event = recorded_chain[0]
    event.description_vi = "sửa"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        TraceEvent.objects.filter(pk=event.pk).update(dose="x")
    with pytest.raises(PermissionError):
        TraceEvent.objects.filter(pk=event.pk).delete()
    assert TraceEvent.objects.get(pk=event.pk).description_vi == "Gieo mạ"


def test_correction_is_a_new_event_and_keeps_the_chain_intact(recorded_chain, shop):
    wrong = recorded_chain[1]
    correction = record_event(
        shop.batch,
        activity="correcting",
        event_time=timezone.now(),
        corrects=wrong,
        dose="1.5 kg/ha",
        description_vi="Liều đúng là 1,5 kg/ha",
    )
    assert correction.sequence == 4 and correction.corrects_id == wrong.pk
    assert TraceEvent.objects.get(pk=wrong.pk).dose == "2 kg/ha"
    assert shop.batch.verify_chain().intact


def test_foreign_location_and_future_time_are_refused(shop, other_shop):
    with pytest.raises(ValidationError):
        record_event(shop.batch, activity="storing", event_time=timezone.now(), location=other_shop.kitchen)
    with pytest.raises(ValidationError):
        record_event(shop.batch, activity="storing", event_time=timezone.now() + datetime.timedelta(days=1))
    assert shop.batch.events.count() == 0


def test_transformation_links_input_batches(shop):
    from traceability.models import Batch

    pork = Batch.objects.create(
        product=shop.product, lot_number="PORK-1", production_date=datetime.date(2026, 10, 1), quantity=50
    )
    event = record_event(
        shop.batch, activity="processing", event_time=timezone.now(), inputs=[(pork, 50)], location=shop.kitchen
    )
    assert event.event_type == "TransformationEvent" and event.action == ""
    assert [i.input_batch for i in event.inputs.all()] == [pork]
    assert shop.batch.verify_chain().intact
