"""What a catalogue page shows of traceability: the product's latest lots."""

from django import template

from traceability.models import Batch, BatchStatus

register = template.Library()

LATEST_BATCHES = 3


@register.simple_tag
def product_trace_links(product, variants, limit=LATEST_BATCHES):
    """The product's latest active lots and, per pack with a GTIN, its GS1 Digital Link path."""
    from traceability.digital_link import product_link_path

    links = [(variant.display_name, product_link_path(variant.gtin)) for variant in variants if variant.gtin]
    return {"batches": latest_batches(product, limit), "links": links}


def latest_batches(product, limit=LATEST_BATCHES):
    """The product's most recent active lots (any language's page: batches point at the
    default-language product). Called inside the product's cached detail fragment, which a
    new batch or a recall drops (traceability.signal_handlers)."""
    return list(
        Batch.objects.filter(product__translation_key=product.translation_key, status=BatchStatus.ACTIVE)
        .only("lot_number", "production_date", "public_code")
        .order_by("-production_date", "-pk")[:limit]
    )
