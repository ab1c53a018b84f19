"""Public resolution of batch codes (GS1 Digital Link, short links), QR images, label sheets, EPCIS API."""

import json
import logging
from urllib.parse import unquote

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST, require_safe

from catalogue.permissions import can_manage_producer
from portal.i18n import in_active_language
from portal.models import page_paths
from portal.page_cache import mark_cacheable, note_view
from portal.ratelimit import rate_limited

from . import capture, epcis, query, reports, resolver, scans, services
from .chain import chain_header
from .digital_link import DigitalLinkError, parse_digital_link
from .labels import a4_sheet_pdf, batch_label_text
from .models import Batch, TraceEvent
from .problems import epcis_headers, problem
from .qr import qr_png, qr_svg
from .trace_page import shown_product, trace_context, trace_document, trace_paths

security_log = logging.getLogger("xuthanh.security")
LANGS = {code for code, _name in settings.LANGUAGES}
REPORTS_PER_HOUR = 5  # per address: enough for a family, too few to flood a producer's inbox
# Seconds: what no invalidation sees (an edited location) shows within a minute, yet a burst
# of scans is served from the cache.
TRACE_MAX_AGE = 60


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


def _not_found(request, message, status=404):
    with translation.override(language_of(request)):
        return render(request, "404.html", {"reason": str(message)}, status=status)


def _cacheable(response):
    patch_cache_control(response, public=True, max_age=TRACE_MAX_AGE)
    patch_vary_headers(response, ("Accept", "Accept-Language"))
    return response


def _trace_response(request, batch: Batch, via: str):
    lang = language_of(request)
    # Logged for every answer, from the response cache too (traceability.signal_handlers).
    note_view(request, "scan", (batch.pk, via, lang))
    if request.path in trace_paths(batch.public_code, batch.gtin, batch.lot_number):
        # The printed addresses only, whose cached copies a new event, recall or alert drops by
        # path; publishing the product or its producer drops them too.
        mark_cacheable(request, depends_on=page_paths((batch.product, batch.producer)))
    if wants_epcis(request):
        response = HttpResponse(
            json.dumps(trace_document(batch), ensure_ascii=False), content_type="application/ld+json"
        )
        return _cacheable(response)
    with translation.override(lang):
        request.LANGUAGE_CODE = lang
        context = trace_context(batch)
        response = render(request, "traceability/trace.html", context)
        response["Content-Language"] = lang
    return _cacheable(response)


# What the trace page shows of the product and producer, read with the batch.
BATCH_RELATED = ("product__locale", "product__origin_area", "variant", "producer__area")


def _batch_by_code(code: str) -> Batch | None:
    return Batch.objects.select_related(*BATCH_RELATED).filter(public_code=code).first()


@require_safe
def short_link(request, code):
    batch = _batch_by_code(code)
    if batch is None:
        return _not_found(request, _("No batch has this code. Check the label, or it may be counterfeit."))
    return _trace_response(request, batch, "short")


@require_safe
def digital_link(request, rest=None):
    """Every path under /01/…: a GS1 Digital Link, resolved as a GS1-Conformant resolver does."""
    query = request.META.get("QUERY_STRING", "")
    uri = "https://resolver" + resolver.raw_path(request) + (f"?{query}" if query else "")
    with translation.override(language_of(request)):
        try:
            link = parse_digital_link(uri, allow_short_gtin=True)
        except DigitalLinkError as error:
            if error.category == "check_digit":
                message = _("The GTIN check digit is wrong: this is not a valid product code.")
            else:
                message = _("This is not a valid GS1 Digital Link address.")
            return _not_found(request, message, status=400)
        if link.primary_key[0] != "01":
            return _not_found(request, _("Only product codes (GTIN) are resolved here."))
        if link.serial:
            return _not_found(request, _("Units of this product are not serialised here; scan the batch code."))
        response = _resolve(request, link)
    if response.status_code < 400 and "Link" not in response:
        response["Link"] = getattr(request, "resolver_links", "")
    if response.get("Content-Type", "").startswith(("application/ld+json", "application/json", resolver.LINKSET_TYPE)):
        response["Access-Control-Allow-Origin"] = "*"
    return response


def _resolve(request, link):
    link_type = unquote(link.other_params.get("linkType", ""))
    if link_type == "all" or (not link_type and resolver.LINKSET_TYPE in request.META.get("HTTP_ACCEPT", "")):
        link_type = "all"
    elif link_type not in resolver.LINK_TYPES:
        link_type = ""  # no or unknown link type: the default link
    gtin, lot = link.gtin, link.lot
    batch = None
    if lot:
        batches = Batch.objects.select_related(*BATCH_RELATED)
        batch = batches.filter(gtin=gtin, lot_number=lot).first()
    product = batch.product if batch is not None else _live_product(gtin)
    if batch is None and product is None:
        if lot:
            return _not_found(request, _("We have no batch with this lot number for this product."))
        return _not_found(request, _("No product on this site has this GTIN."))
    # An unknown lot walks up to the product's links (GS1 resolver standard).
    lot = lot if batch is not None else None
    product_url = _product_url(request, product)
    found = resolver.links(gtin, lot, product_url, batch, language_of(request))
    request.resolver_links = resolver.link_header(found, gtin, lot)
    if link_type == "all":
        default = "gs1:traceability" if batch else "gs1:pip"
        return _cacheable(_json(resolver.linkset(found, gtin, lot, default), content_type=resolver.LINKSET_TYPE))
    if link_type == "gs1:certificationInfo":
        return _cacheable(_json({"certificates": resolver.certificates(product)}, content_type="application/json"))
    if link_type == "gs1:recallStatus" and batch is not None:
        return _cacheable(_json(resolver.recall_status(batch), content_type="application/json"))
    if link_type == "gs1:epcis" and batch is not None:
        return _cacheable(_json(trace_document(batch)))
    if batch is not None and link_type != "gs1:pip":
        return _trace_response(request, batch, "dl")
    if wants_epcis(request) and product is not None and product.live:
        return _cacheable(JsonResponse(product.get_json_ld(request), content_type="application/ld+json"))
    if not product_url:
        return _not_found(request, _("No product on this site has this GTIN."))
    return _cacheable(HttpResponseRedirect(product_url))


def _live_product(gtin: str):
    from catalogue.models import ProductVariant

    variant = ProductVariant.objects.select_related("product").filter(gtin=gtin).first()
    if variant is None or not variant.product.live:
        return None
    return variant.product


def _product_url(request, product) -> str | None:
    if product is None or not product.live:
        return None
    with translation.override(language_of(request)):
        return shown_product(product).get_url(request)


@require_safe
def gs1resolver(request):
    """`/.well-known/gs1resolver`: the resolver's description (GS1-Conformant resolver standard)."""
    response = _json(resolver.description(), content_type="application/json")
    response["Access-Control-Allow-Origin"] = "*"
    return _cacheable(response)


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
    pdf = a4_sheet_pdf(batch_label_text(batch, language_of(request)))  # the workspace's A4 sheet
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="labels-{batch.lot_number}.pdf"'
    return response


def _token(request):
    header = request.META.get("HTTP_AUTHORIZATION", "")
    raw = header[7:].strip() if header.lower().startswith("bearer ") else ""
    return services.token_for(raw)


def _json(data, status=200, content_type="application/ld+json", headers=None):
    response = HttpResponse(json.dumps(data, ensure_ascii=False), status=status, content_type=content_type)
    for name, value in (headers or {}).items():
        response[name] = value
    return epcis_headers(response)


@csrf_exempt
@require_POST
@never_cache
def epcis_capture(request):
    """POST an EPCIS 2.0 document (or one event) with `Authorization: Bearer <token>`: all its events, or none.

    Answers 201 with the stored eventIDs once they are stored: a deliberate simplification of
    the REST binding's 202 + capture job, since capture is synchronous here.
    """
    token = _token(request)
    if token is None:
        security_log.warning("EPCIS capture with a bad token from %s", scans.client_hash(scans.client_ip(request)))
        return problem(401, _("A valid capture token is required."))
    if token.read_only:
        security_log.warning("EPCIS capture refused: read-only token %s", token.pk)
        return problem(403, _("This token can read events but not add them."))
    try:
        document = capture.parse_body(request.body)
        result = capture.capture_document(document, token)
    except capture.CaptureError as error:
        return problem(error.status, error.message, errors=error.problems)
    body = {"stored": len(result.stored), "eventIDs": result.event_ids, "duplicates": result.duplicates}
    return _json(body, status=201, content_type="application/json")


def _query_token(request):
    token = _token(request)
    if token is None:
        return None, problem(401, _("A valid token is required."))
    return token, None


@require_GET
@never_cache
def epcis_events(request):
    """EPCIS 2.0 REST query over the token's producer's events (standard parameters, paged)."""
    token, refused = _query_token(request)
    if refused:
        return refused
    try:
        events = query.apply(TraceEvent.objects.for_producer(token.producer), request.GET)
        rows, next_token = query.page(events.select_related("batch"), request.GET)
    except query.QueryError as error:
        return problem(400, error.message, errors=[{"event": None, "field": error.parameter, "message": error.message}])
    headers = {}
    if next_token:
        params = request.GET.copy()
        params["nextPageToken"] = next_token
        headers["Link"] = f'<{request.build_absolute_uri(request.path)}?{params.urlencode()}>; rel="next"'
    data = epcis.epcis_query_document(rows)
    if next_token:
        data["epcisBody"]["queryResults"]["xt:nextPageToken"] = next_token
    return _json(data, headers=headers)


@require_GET
@never_cache
def epcis_event(request, event_id):
    """One of the token's producer's events by its eventID (percent-encoded in the path)."""
    token, refused = _query_token(request)
    if refused:
        return refused
    event = TraceEvent.objects.for_producer(token.producer).filter(event_id=event_id).first()
    if event is None:
        return problem(404, _("No event with this eventID."), instance=request.path)
    data = {"@context": epcis.epcis_query_document([event])["@context"], **epcis.stored_event_to_epcis(event)}
    return _json(data)


@require_safe
def chain_json(request, code):
    """Everything needed to recompute a batch's chain and check its signature (public, like the trace page)."""
    batch = Batch.objects.select_related("origin").filter(public_code=code).first()
    if batch is None:
        return _not_found(request, _("No batch has this code."))
    events = list(TraceEvent.objects.filter(batch=batch).select_related("location").order_by("sequence"))
    response = _json(chain_header(batch, events), content_type="application/json")
    response["Access-Control-Allow-Origin"] = "*"
    return _cacheable(response)


@never_cache
@rate_limited("trace_report", limit=REPORTS_PER_HOUR, window_seconds=3600)
def report_problem(request, code):
    """'Report a problem' for a batch: its own page (GET, with a CSRF token, since the trace
    page may come from a cache), then a POST stored and mailed (traceability/reports.py)."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    batch = _batch_by_code(code)
    if batch is None:
        return _not_found(request, _("No batch has this code. Check the label, or it may be counterfeit."))
    lang = language_of(request)
    with translation.override(lang):
        request.LANGUAGE_CODE = lang
        product = in_active_language(batch.product)
        form = reports.ProblemReportForm(request.POST if request.method == "POST" else None)
        context = {"batch": batch, "product": product, "form": form, "lang": lang}
        if request.method == "POST":
            if not form.is_valid():
                return render(request, "traceability/report.html", context, status=400)
            reports.submit_report(batch, form.cleaned_data)
            return render(request, "traceability/report_sent.html", context)
        return render(request, "traceability/report.html", context)
