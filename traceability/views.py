"""Public resolution of batch codes (GS1 Digital Link, short links), QR images, label sheets, EPCIS API."""

import json
import logging

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.encoding import escape_uri_path
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST, require_safe

from . import epcis, scans, services, trace_cache
from .digital_link import DigitalLinkError, parse_digital_link
from .models import Batch, TraceEvent
from .permissions import can_manage_producer
from .qr import label_sheet_pdf, qr_png, qr_svg
from .trace_page import trace_context

security_log = logging.getLogger("xuthanh.security")
LANGS = {code for code, _name in settings.LANGUAGES}
TRACE_MAX_AGE = 60  # seconds: a recall shows within a minute, yet a burst of scans is served from caches


class TraceNotFound(Http404):
    """A 404 whose message the portal's 404 page shows (`user_message`)."""

    def __init__(self, message):
        super().__init__(message)
        self.user_message = message


def language_of(request) -> str:
    lang = request.GET.get("lang", "")
    if lang in LANGS:
        return lang
    return translation.get_language_from_request(request, check_path=False) or settings.LANGUAGE_CODE


def wants_epcis(request) -> bool:
    if request.GET.get("format") == "epcis":
        return True
    accept = request.META.get("HTTP_ACCEPT", "")
    return "application/ld+json" in accept and "text/html" not in accept


def _not_found(request, message):
    with translation.override(language_of(request)):
        response = render(request, "404.html", {"reason": str(message)}, status=404)
    # LocaleMiddleware and CommonMiddleware would turn a 404 into a redirect to /<lang>/…/ because
    # Wagtail's catch-all matches there; a scanned code that is wrong must stay a clear 404.
    request.urlconf = "traceability.urls_none"
    return response


def _cacheable(response):
    patch_cache_control(response, public=True, max_age=TRACE_MAX_AGE)
    patch_vary_headers(response, ("Accept", "Accept-Language"))
    return response


class BatchRef:
    """Enough of a batch to log a scan of it, when the page itself comes from the cache."""

    def __init__(self, pk: int):
        self.pk = pk


def _cached_trace(request, batch_id: int | None, via: str):
    """The cached rendering of a batch's trace page (logging the scan), or None."""
    if batch_id is None:
        return None
    fmt = "epcis" if wants_epcis(request) else "html"
    lang = language_of(request)
    cached = trace_cache.get_rendered(batch_id, lang, fmt)
    if cached is None:
        return None
    if request.method == "GET":
        scans.log_scan(request, BatchRef(batch_id), via)
    return replay(cached)


def replay(cached) -> HttpResponse:
    content, headers = cached
    response = HttpResponse(content)
    for name, value in headers:
        response.headers[name] = value
    return response


def _render_once(request, batch: Batch, lang: str, fmt: str, response):
    """Mark the response for the trace cache: TraceCacheMiddleware keeps it with the headers
    the whole middleware stack gave it, so that a replay is the same response."""
    request.trace_rendered = (batch.pk, lang, fmt)
    return _cacheable(response)


def _trace_response(request, batch: Batch, via: str):
    if request.method == "GET":  # HEAD is a link checker, not a person scanning
        scans.log_scan(request, batch, via)
    lang = language_of(request)
    if wants_epcis(request):
        events = epcis.events_queryset(TraceEvent.objects.filter(batch=batch)).order_by("sequence")
        response = HttpResponse(
            json.dumps(epcis.epcis_document(events), ensure_ascii=False), content_type="application/ld+json"
        )
        return _render_once(request, batch, lang, "epcis", response)
    with translation.override(lang):
        request.LANGUAGE_CODE = lang
        context = trace_context(batch)
        response = render(request, "traceability/trace.html", context)
        response["Content-Language"] = lang
    return _render_once(request, batch, lang, "html", response)


def _batch_by_code(code: str) -> Batch | None:
    return Batch.objects.select_related("product", "variant", "producer").filter(public_code=code).first()


@require_safe
def short_link(request, code):
    cached = _cached_trace(request, trace_cache.get_batch_id("code", code), "short")
    if cached is not None:
        return cached
    batch = _batch_by_code(code)
    if batch is not None:
        trace_cache.remember_batch_id("code", code, batch.pk)
    if batch is None:
        return _not_found(request, _("No batch has this code. Check the label, or it may be counterfeit."))
    return _trace_response(request, batch, "short")


@require_safe
def digital_link(request, rest=None):
    """Every path under /01/…: parsed strictly as a GS1 Digital Link (short GTINs padded)."""
    query = request.META.get("QUERY_STRING", "")
    uri = "https://resolver" + escape_uri_path(request.path) + (f"?{query}" if query else "")
    with translation.override(language_of(request)):
        try:
            link = parse_digital_link(uri, allow_short_gtin=True)
        except DigitalLinkError as error:
            if error.category == "check_digit":
                message = _("The GTIN check digit is wrong: this is not a valid product code.")
            else:
                message = _("This is not a valid GS1 Digital Link address.")
            return _not_found(request, message)
        if link.primary_key[0] != "01":
            return _not_found(request, _("Only product codes (GTIN) are resolved here."))
        if link.lot:
            lookup = f"{link.gtin}/{link.lot}"
            cached = _cached_trace(request, trace_cache.get_batch_id("dl", lookup), "dl")
            if cached is not None:
                return cached
            batch = (
                Batch.objects.select_related("product", "variant", "producer")
                .filter(gtin=link.gtin, lot_number=link.lot)
                .first()
            )
            if batch is None:
                return _not_found(
                    request, _("We have no batch with this lot number for this product. It may be counterfeit.")
                )
            trace_cache.remember_batch_id("dl", lookup, batch.pk)
            return _trace_response(request, batch, "dl")
        if link.serial:
            return _not_found(request, _("Units of this product are not serialised here; scan the batch code."))
        return _product_redirect(request, link.gtin)


def _product_redirect(request, gtin: str):
    from catalogue.models import ProductVariant

    variant = ProductVariant.objects.select_related("product").filter(gtin=gtin).first()
    if variant is None or not variant.product.live:
        return _not_found(request, _("No product on this site has this GTIN."))
    lang = language_of(request)
    with translation.override(lang):
        product = variant.product.localized
        if wants_epcis(request):
            return _cacheable(JsonResponse(product.get_json_ld(request), content_type="application/ld+json"))
        url = product.get_url(request)
    if not url:
        return _not_found(request, _("No product on this site has this GTIN."))
    return _cacheable(HttpResponseRedirect(url))


@require_safe
@cache_control(public=True, max_age=86400)
def qr_image(request, code, fmt):
    batch = Batch.objects.filter(public_code=code).only("pk", "gtin", "lot_number", "public_code").first()
    if batch is None:
        return _not_found(request, _("No batch has this code."))
    uri = batch.get_digital_link()
    if fmt == "svg":
        return HttpResponse(qr_svg(uri), content_type="image/svg+xml")
    return HttpResponse(qr_png(uri), content_type="image/png")


@require_GET
@never_cache
def label_sheet(request, code):
    """A4 labels for printing: only for the batch's producer and moderators (see README of the app)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    batch = _batch_by_code(code)
    if batch is None:
        return _not_found(request, _("No batch has this code."))
    if not can_manage_producer(request.user, batch.producer):
        security_log.warning("User %s refused the label sheet of batch %s", request.user.pk, batch.pk)
        raise PermissionDenied
    lang = language_of(request)
    with translation.override(lang):
        title = batch.product.localized.title
    pdf = label_sheet_pdf(batch, title, lang)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="labels-{batch.lot_number}.pdf"'
    return response


def _token(request):
    header = request.META.get("HTTP_AUTHORIZATION", "")
    raw = header[7:].strip() if header.lower().startswith("bearer ") else ""
    return services.token_for(raw)


def _api_error(status: int, message: str):
    return JsonResponse({"error": str(message)}, status=status)


@csrf_exempt
@require_POST
@never_cache
def epcis_capture(request):
    """POST an EPCIS 2.0 document with `Authorization: Bearer <token>`: all its events, or none."""
    token = _token(request)
    if token is None:
        security_log.warning("EPCIS capture with a bad token from %s", scans.client_hash(scans.client_ip(request)))
        return _api_error(401, _("A valid capture token is required."))
    if len(request.body) > 2_000_000:
        return _api_error(413, _("The document is too large."))
    try:
        document = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return _api_error(400, _("The body is not JSON."))
    try:
        stored = services.capture_document(document, token)
    except services.CaptureError as error:
        return _api_error(error.status, error.message)
    return JsonResponse({"stored": len(stored), "eventIDs": [e.event_id for e in stored]}, status=201)


@require_GET
@never_cache
def epcis_events(request):
    """GET the token's producer's events as an EPCIS query document (`?batch=<code>` or all, newest 500)."""
    token = _token(request)
    if token is None:
        return _api_error(401, _("A valid capture token is required."))
    events = TraceEvent.objects.for_producer(token.producer)
    code = request.GET.get("batch")
    if code:
        events = events.filter(batch__public_code=code)
    events = epcis.events_queryset(events).order_by("-recorded_at")[:500]
    data = epcis.epcis_query_document(list(reversed(list(events))))
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/ld+json")
