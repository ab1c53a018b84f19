"""The delivery estimate for one product and the shopper's province: JSON for the product page's
script, and a page for browsers without it. Never cached: they answer for one shopper."""

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from catalogue.models import ProductPage
from portal.money import format_dong
from portal.places import province_choices, province_name

from .delivery import (
    Parcel,
    default_quote,
    is_perishable,
    local_today,
    parse_province,
    quotes_by_producer,
    remember_province,
    remembered_province,
)


def _product(raw):
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        return None
    page = ProductPage.objects.live().filter(pk=pk).first()
    return page.source_product if page else None


def product_estimate(product, province_code: int) -> dict:
    """The quotes for one unit of the product's cheapest variant sent to the province, by option
    (own delivery: its cheapest area, "from")."""
    perishable = is_perishable(product)
    parcel = Parcel(product.price_min or 0, perishable)
    quotes = quotes_by_producer({product.producer_id: parcel}, province_code)[product.producer_id]
    today = local_today()
    by_option = {}
    for quote in quotes:
        option_key = quote.key.split(":")[0]
        if option_key in by_option:
            by_option[option_key]["from"] = True
            continue
        arrives = quote.arrives(today)
        by_option[option_key] = {
            "kind": quote.kind,
            "label": quote.name,
            "fee": quote.fee,
            "fee_display": format_dong(quote.fee) if quote.fee else _("free"),
            "from": False,
            "days": quote.days,
            "date": arrives.isoformat(),
            "date_display": date_format(arrives, "l, j/n"),
            "pickup_address": quote.pickup_address,
            "pickup_hours": quote.pickup_hours,
        }
    best = default_quote(quotes)
    return {
        "province": {"code": province_code, "name": province_name(province_code)},
        "perishable": perishable,
        "options": list(by_option.values()),
        "best": best.key.split(":")[0] if best else None,
        "message": "" if quotes else _("This business does not deliver this product to the chosen province."),
    }


def _province_or_error(request):
    raw = request.GET.get("province")
    if raw in (None, ""):
        return remembered_province(request), False, None
    try:
        return parse_province(raw), True, None
    except ValidationError as error:
        return None, False, error.messages[0]


@require_GET
@never_cache
def estimate_json(request):
    product = _product(request.GET.get("product"))
    if product is None:
        return JsonResponse({"error": _("No product on sale has this number.")}, status=404)
    province, chosen, error = _province_or_error(request)
    if error:
        return JsonResponse({"error": error}, status=400)
    response = JsonResponse(product_estimate(product, province))
    if chosen:
        remember_province(response, province)
    return response


@require_GET
@never_cache
def estimate_page(request):
    product = _product(request.GET.get("product"))
    province, chosen, error = _province_or_error(request)
    context = {
        "product": product,
        "provinces": province_choices(),
        "province": province or remembered_province(request),
        "error": error,
        "estimate": product_estimate(product, province) if product and province else None,
    }
    status = 404 if product is None else 400 if error else 200
    response = render(request, "orders/delivery_estimate.html", context, status=status)
    if chosen:
        remember_province(response, province)
    return response
