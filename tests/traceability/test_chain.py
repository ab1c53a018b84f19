"""The hash chain: append-only events, verification, a tampered row detected."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from traceability.models import TraceEvent
from traceability.services import record_event

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = pytest.mark.usefixtures("built_shop")


def test_chain_of_recorded_events_is_intact_and_linked(recorded_chain, shop):
    first, second, third = recorded_chain
    assert [e.sequence for e in recorded_chain] == [1, 2, 3]
    from traceability.chain import genesis_hash

    assert first.previous_hash == genesis_hash(shop.batch) and second.previous_hash == first.record_hash
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
    from traceability.chain import chain_hash
    from traceability.chain import event_facts as stored_facts

    second = TraceEvent.objects.get(pk=recorded_chain[1].pk)
    with connection.cursor() as cursor:  # the shown column and the EPCIS JSON alike
        cursor.execute(
            "UPDATE traceability_traceevent SET dose = '0.2 kg/ha', "
            "epcis = jsonb_set(epcis, '{xt:dose}', '\"0.2 kg/ha\"') WHERE id = %s",
            [second.pk],
        )
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


# --- Integrity a database edit cannot forge (signed head, batch facts in the chain) ---------


def _sql(statement, params):
    with connection.cursor() as cursor:  # what an attacker with database access would do
        cursor.execute(statement, params)


def test_head_is_signed_and_verifies_with_the_public_key_only(recorded_chain, shop):
    from traceability import signing
    from traceability.models import Batch

    batch = Batch.objects.get(pk=shop.batch.pk)
    assert batch.chain_length == 3 and batch.chain_head == recorded_chain[2].record_hash
    assert shop.batch.verify_chain(public_key=signing.public_key_b64()).intact
    other_key = "".join(reversed(signing.public_key_b64()[:43])) + "="
    assert not shop.batch.verify_chain(public_key=other_key).intact


def test_deleting_the_last_events_is_detected(recorded_chain, shop):
    _sql("DELETE FROM traceability_traceevent WHERE id = %s", [recorded_chain[2].pk])
    result = shop.batch.verify_chain()
    assert not result.intact and result.reason == "truncated" and result.count == 2


def test_wiping_every_event_is_detected(recorded_chain, shop):
    _sql("DELETE FROM traceability_traceevent WHERE batch_id = %s", [shop.batch.pk])
    result = shop.batch.verify_chain()
    assert not result.intact and result.count == 0 and result.signed_count == 3


def test_wiping_events_and_head_is_detected(recorded_chain, shop):
    from traceability.chain import genesis_hash

    _sql("DELETE FROM traceability_traceevent WHERE batch_id = %s", [shop.batch.pk])
    _sql(
        "UPDATE traceability_batch SET chain_length = 0, chain_head = %s WHERE id = %s",
        [genesis_hash(shop.batch), shop.batch.pk],
    )
    result = shop.batch.verify_chain()
    assert not result.intact and result.reason == "signature"


def test_resealed_edit_with_the_public_algorithm_is_detected(recorded_chain, shop):
    """Edit an event, recompute every hash and the head as the published algorithm says: no key, no signature."""
    from traceability.chain import chain_hash, event_facts

    second = recorded_chain[1]
    _sql(
        "UPDATE traceability_traceevent SET dose = '0.2 kg/ha', "
        "epcis = jsonb_set(epcis, '{xt:dose}', '\"0.2 kg/ha\"') WHERE id = %s",
        [second.pk],
    )
    previous = recorded_chain[0].record_hash
    for event in TraceEvent.objects.filter(batch=shop.batch, sequence__gte=2).order_by("sequence"):
        forged = chain_hash(previous, event_facts(event))
        _sql(
            "UPDATE traceability_traceevent SET previous_hash = %s, record_hash = %s WHERE id = %s",
            [previous, forged, event.pk],
        )
        previous = forged
    _sql("UPDATE traceability_batch SET chain_head = %s WHERE id = %s", [previous, shop.batch.pk])
    result = shop.batch.verify_chain()
    assert not result.intact and result.reason == "signature"


def test_editing_the_batch_row_is_detected(recorded_chain, shop):
    _sql("UPDATE traceability_batch SET expiry_date = '2030-01-01' WHERE id = %s", [shop.batch.pk])
    result = shop.batch.verify_chain()
    assert not result.intact and result.broken_event.pk == recorded_chain[0].pk


def test_editing_a_location_row_is_detected(recorded_chain, shop):
    _sql("UPDATE traceability_location SET name = 'Ruộng khác' WHERE id = %s", [shop.farm.pk])
    result = shop.batch.verify_chain()
    assert not result.intact and result.broken_event.pk == recorded_chain[0].pk


def test_batch_facts_are_sealed_once_events_exist(recorded_chain, shop):
    from traceability.models import Batch

    batch = Batch.objects.get(pk=shop.batch.pk)
    batch.expiry_date = datetime.date(2030, 1, 1)
    with pytest.raises(ValidationError):
        batch.full_clean()
    with pytest.raises(ValidationError):
        batch.save()
    batch.refresh_from_db()
    batch.status = "recalled"  # not a sealed fact
    batch.save()
    assert shop.batch.verify_chain().intact


def test_a_batch_without_events_is_signed_and_intact(shop):
    result = shop.batch.verify_chain()
    assert result.intact and result.count == 0


@pytest.mark.parametrize("value", [1e-5, 0.1, 4.5, 1e16, 1.5e17, 1e21, 1e300, 123456789012345678])
def test_numbers_read_back_from_postgresql_keep_the_chain_intact(shop, value):
    """jsonb gives 1e16 back as 10000000000000000: numbers are canonicalised before hashing."""
    record_event(
        shop.batch,
        activity="storing",
        event_time=timezone.now(),
        sensor_readings=[{"type": "Temperature", "value": value, "uom": "CEL"}],
    )
    event = TraceEvent.objects.get(batch=shop.batch)
    assert event.sensor_readings[0]["value"] == value
    assert shop.batch.verify_chain().intact
