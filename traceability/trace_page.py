"""What the public trace page shows, gathered with a fixed number of queries."""

from django.conf import settings
from django.utils import timezone, translation

from .chain import verify_events
from .epcis import events_queryset
from .models import ScanAlert, TraceEvent

ALERT_DAYS_SHOWN = 30


def trace_context(batch) -> dict:
    product = batch.product
    # Batches point at the default-language product; show the translation for other languages.
    default = translation.get_language() == settings.LANGUAGE_CODE
    localized = product if default else product.localized
    producer = product.producer
    producer_localized = producer if default or producer is None else producer.localized
    events = list(events_queryset(TraceEvent.objects.filter(batch=batch)).order_by("sequence"))
    chain = verify_events(events)
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
    alerts = list(ScanAlert.objects.filter(batch=batch, resolved=False, created_at__gte=since))
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
        "product_certificates": list(product.certificates.select_related("document").all()),
        "producer_certificates": list(producer.certificates.select_related("document").all()) if producer else [],
        "alerts": alerts,
        "expired": batch.is_expired(),
        "digital_link": batch.get_digital_link(),
    }
