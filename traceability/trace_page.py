"""What the public trace page shows, gathered with a fixed number of queries."""

from django.utils import timezone, translation

from portal.i18n import in_active_language
from portal.page_cache import invalidate_paths

from .chain import chain_header, verify_events
from .digital_link import digital_link_path
from .epcis import epcis_document, events_queryset, location_uri
from .models import Batch, ScanAlert, TraceEvent

ALERT_DAYS_SHOWN = 30
PRODUCT_IMAGE_SPEC = "fill-240x240"  # the trace page's small product photo; its template names the same spec


def trace_paths(public_code: str, gtin: str, lot_number: str) -> list[str]:
    """Where a batch's trace page is answered and cached, as `request.path` spells them: the
    short link and, with a GTIN, the Digital Link printed in its QR code."""
    paths = [f"/t/{public_code}"]
    if gtin:
        paths.append(digital_link_path(gtin, lot_number))  # lots have no character quote() changes
    return paths


def drop_cached_trace_pages(*batch_ids: int) -> None:
    """Drop the response cache's copies of these batches' trace pages (every language, format
    and query), after what they show changed: a new event, a recall, a scan alert."""
    rows = Batch.objects.filter(pk__in=batch_ids).values_list("public_code", "gtin", "lot_number")
    invalidate_paths([path for row in rows for path in trace_paths(*row)])


def product_image(product) -> dict | None:
    """The product's first gallery image with its small rendition prefetched (two queries, not
    the whole gallery's), and its alt text from the page in the visitor's language."""
    from wagtail.images import get_image_model

    for item in product.gallery.raw_data:
        value = item.get("value")
        image_id = value.get("image") if isinstance(value, dict) else value
        if not image_id:
            continue
        image = get_image_model().objects.prefetch_renditions(PRODUCT_IMAGE_SPEC).filter(pk=image_id).first()
        if image is not None:
            alt = (value.get("alt_text") if isinstance(value, dict) else "") or product.title
            return {"image": image, "alt": alt}
    return None


def shown_product(product):
    """The product in the active language (its live translation, else itself), kept on the
    product object for the rest of the request: the resolver's link and the page both ask."""
    language = translation.get_language()
    kept = product.__dict__.setdefault("_shown", {})
    if language not in kept:
        kept[language] = in_active_language(product)
    return kept[language]


def trace_context(batch) -> dict:
    product = batch.product
    # Batches point at the default-language product; show the translation for other languages.
    localized = shown_product(product)
    if batch.producer_id == product.producer_id:
        product.producer = batch.producer  # read with the batch (its area too)
    producer = product.producer
    producer_localized = in_active_language(producer)
    events = list(events_queryset(TraceEvent.objects.filter(batch=batch)).order_by("sequence"))
    chain = verify_events(batch, events)
    # An error declaration repeats the wrong event for EPCIS partners; people see the correction.
    events = [e for e in events if "errorDeclaration" not in (e.epcis or {})]
    input_batches = {i.input_batch_id: i.input_batch for e in events for i in e.inputs.all()}
    upstream = []
    if input_batches:
        upstream = list(events_queryset(TraceEvent.objects.filter(batch_id__in=input_batches)).order_by("event_time"))
    timeline = sorted(events + upstream, key=lambda e: e.event_time)
    places = []
    seen = set()
    for event in timeline:
        loc = event.location
        if loc and loc.has_coordinates and loc.pk not in seen:
            seen.add(loc.pk)
            places.append({"name": loc.name, "lat": loc.latitude, "lng": loc.longitude})
    documents = [a for e in events for a in e.attachments.all() if a.document_id is not None]
    since = timezone.now() - timezone.timedelta(days=ALERT_DAYS_SHOWN)
    # Only alerts the producer or a moderator confirmed warn consumers (traceability/alerts.py).
    alerts = list(ScanAlert.objects.filter(batch=batch, created_at__gte=since).shown_to_consumers())
    return {
        "batch": batch,
        "product": localized,
        "producer": producer_localized,
        "events": events,
        "timeline": timeline,
        "chain": chain,
        "input_batches": list(input_batches.values()),
        "places": places,
        "documents": documents,
        "certificates": [
            *product.certificates.select_related("document"),
            *(producer.certificates.select_related("document") if producer else ()),
        ],
        "alerts": alerts,
        "expired": batch.is_expired(),
        # Scans after the expiry date say so (the banner above); only bursts hint at counterfeits.
        "burst_alerts": [a for a in alerts if a.kind == "burst"],
        "digital_link": batch.get_digital_link(),
        "product_image": product_image(localized),
    }


def _location_master_data(locations) -> dict:
    """EPCIS master data for the locations the events name (CBV master data attributes)."""
    elements = []
    for loc in locations:
        attributes = [{"id": "urn:epcglobal:cbv:mda#name", "attribute": loc.name}]
        if loc.address:
            attributes.append({"id": "urn:epcglobal:cbv:mda#streetAddressOne", "attribute": loc.address})
        if loc.has_coordinates:
            attributes.append({"id": "urn:epcglobal:cbv:mda#latitude", "attribute": loc.latitude})
            attributes.append({"id": "urn:epcglobal:cbv:mda#longitude", "attribute": loc.longitude})
        elements.append({"id": location_uri(loc), "attributes": attributes})
    return {
        "vocabularyList": [{"type": "urn:epcglobal:epcis:vtype:BusinessLocation", "vocabularyElementList": elements}]
    }


def trace_document(batch) -> dict:
    """A batch's events as an EPCIS document: location master data and the signed chain in the header."""
    from .models import Batch

    batch = Batch.objects.select_related("origin").get(pk=batch.pk)
    events = list(TraceEvent.objects.filter(batch=batch).select_related("location").order_by("sequence"))
    locations = {e.location.pk: e.location for e in events if e.location_id}
    if batch.origin_id:
        locations.setdefault(batch.origin_id, batch.origin)
    header = {"epcisMasterData": _location_master_data(locations.values()), "xt:chain": chain_header(batch, events)}
    return epcis_document(events, header)
