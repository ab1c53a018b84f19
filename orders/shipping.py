"""Shipping fee per producer, from the `ShippingRate` table editors keep in the admin."""

from django.db.models import Q

from .models import ShippingRate

# Used when the table is empty (a fresh site): editors change them under Settings → Shipping rates.
FALLBACK = ShippingRate(fee_in_province=25_000, fee_elsewhere=40_000, free_over=None)


def rates_for(producer_ids) -> dict:
    """{producer id: ShippingRate} for the given producers, in one query."""
    ids = list(producer_ids)
    rows = {r.producer_id: r for r in ShippingRate.objects.filter(Q(producer__in=ids) | Q(producer__isnull=True))}
    default = rows.get(None) or FALLBACK
    return {pk: rows.get(pk, default) for pk in ids}
