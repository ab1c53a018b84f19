"""Property tests (hypothesis): no input makes the parsers and builders raise anything
but their own validation error."""

import contextlib

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orders.cart import MAX_QUANTITY_PER_LINE, parse_quantity
from orders.payments.vietqr import PayloadError, build_payload, parse_payload
from traceability.digital_link import DigitalLinkError, parse_digital_link

AI_PATHS = st.sampled_from(["01", "10", "21", "17", "22", "8004", "414", "254", "99", "3103", "abc", ""])
SEGMENT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=25)
DIGITS = st.text(alphabet="0123456789", min_size=0, max_size=16)


@st.composite
def digital_link_like(draw):
    """URIs shaped like Digital Links: often valid, often subtly wrong."""
    host = draw(st.sampled_from(["https://id.gs1.org", "http://127.0.0.1:8000", "https://xuthanh.example/x", ""]))
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        parts += [draw(AI_PATHS), draw(st.one_of(DIGITS, SEGMENT))]
    query = draw(st.sampled_from(["", "?17=261231", "?3103=000189&linkType=all", "?=", "?10=x&10=y", "?%ZZ"]))
    return host + "/" + "/".join(parts) + query


@settings(max_examples=400, deadline=None)
@given(st.one_of(digital_link_like(), st.text(max_size=200)))
def test_digital_link_parser_raises_only_its_own_error(uri):
    try:
        link = parse_digital_link(uri)
    except DigitalLinkError:
        return
    if link.gtin is not None:  # other primary keys (GRAI, SSCC…) have no GTIN
        assert len(link.gtin) == 14 and link.gtin.isdigit()


@settings(max_examples=400, deadline=None)
@given(
    bin=st.one_of(st.just("970436"), DIGITS, st.text(max_size=8)),
    account=st.one_of(st.just("0011001234567"), st.text(max_size=25)),
    amount=st.one_of(st.none(), st.integers(min_value=-10, max_value=10**13)),
    purpose=st.text(max_size=60),
    bill=st.text(max_size=30),
)
def test_vietqr_builder_raises_only_its_own_error_and_round_trips(bin, account, amount, purpose, bill):
    try:
        payload = build_payload(bin=bin, account=account, amount=amount, purpose=purpose, bill_number=bill)
    except PayloadError:
        return
    fields = parse_payload(payload)
    assert fields["bin"] == bin
    assert fields["account"] == account
    assert fields["amount"] in (None, str(amount)) or int(fields["amount"]) == amount


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_vietqr_parser_raises_only_its_own_error(payload):
    with contextlib.suppress(PayloadError):
        parse_payload(payload)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=20), st.integers(), st.floats(allow_nan=True), st.none(), st.booleans()))
def test_cart_quantity_is_a_bounded_integer_or_a_validation_error(raw):
    try:
        quantity = parse_quantity(raw)
    except ValidationError:
        return
    assert isinstance(quantity, int)
    assert 0 <= quantity <= MAX_QUANTITY_PER_LINE


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=20,
)


@st.composite
def epcis_like(draw):
    """Documents shaped like EPCIS captures, with fields replaced by anything."""
    event = {
        "type": draw(st.sampled_from(["ObjectEvent", "TransformationEvent", "AggregationEvent", "Nope"])),
        "eventTime": draw(st.one_of(st.just("2026-10-01T08:00:00+07:00"), st.text(max_size=30))),
        "eventTimeZoneOffset": draw(st.one_of(st.just("+07:00"), st.text(max_size=8))),
        "action": draw(st.sampled_from(["ADD", "OBSERVE", "DELETE", "", "x"])),
        "bizStep": draw(st.one_of(st.just("shipping"), st.text(max_size=40))),
        "epcList": draw(st.one_of(st.lists(st.text(max_size=40), max_size=3), JSON)),
        "quantityList": draw(JSON),
    }
    for key in draw(st.lists(st.sampled_from(list(event)), max_size=3)):
        event[key] = draw(JSON)
    return {
        "@context": draw(st.sampled_from([["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"], "x", None])),
        "type": draw(st.sampled_from(["EPCISDocument", "ObjectEvent", "Other"])),
        "schemaVersion": "2.0",
        "creationDate": "2026-10-01T08:00:00+07:00",
        "epcisBody": {"eventList": draw(st.one_of(st.lists(st.just(event), min_size=1, max_size=2), JSON))},
    }


@pytest.mark.django_db
def test_epcis_capture_validator_raises_only_its_own_error(site_pages):
    from catalogue.models import ProducerPage, ProducersIndexPage
    from portal.demo import upsert_page
    from traceability.capture import CaptureError, capture_document
    from traceability.models import CaptureToken, TraceEvent

    index, _ = upsert_page(site_pages[0], ProducersIndexPage, slug="fuzz", vi={"title": "Cơ sở"}, en={"title": "P"})
    producer, _ = upsert_page(
        index,
        ProducerPage,
        slug="fuzz-htx",
        vi={"title": "HTX"},
        en={"title": "Co-op"},
        shared={"business_type": "cooperative"},
    )
    token = CaptureToken(producer=producer, name="fuzz")
    token.set_new_token()
    token.save()

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.one_of(epcis_like(), JSON))
    def run(document):
        with contextlib.suppress(CaptureError):
            capture_document(document, token)
        # Nothing about a batch this producer does not own is ever stored.
        assert not TraceEvent.objects.exclude(batch__producer=producer).exists()

    run()
