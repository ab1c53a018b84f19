"""The search page (works without JavaScript; facets are links) and the autocomplete JSON."""

from urllib.parse import quote_plus

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.money import format_dong

from . import services
from .documents import ALL, GROUPS, get_kind, kinds
from .results import MAX_PAGE, PER_PAGE


def _locale() -> str:
    return (get_language() or "vi").split("-")[0]


def _parse_point(value: str):
    try:
        lat, lon = (float(part) for part in value.split(","))
    except (ValueError, AttributeError):
        return None
    return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None


SUMMARY_WORDS = 40


def _card(hit) -> dict:
    """What a result card shows, worked out here: the template only places it (a card per
    result was most of the page's rendering time)."""
    doc = hit.document
    words = doc.summary.split()
    summary = " ".join(words[:SUMMARY_WORDS]) + (" …" if len(words) > SUMMARY_WORDS else "")
    price = ""
    if doc.price:
        # What the figure is differs by kind: a product's cheapest pack, a sight's adult ticket, a post's unit price.
        amount = format_dong(doc.price)
        if doc.kind in ("products", "places"):
            price = f"{_('from')} {amount}"
        elif doc.kind == "attractions":
            price = _("Adult ticket: %(price)s") % {"price": amount}
        elif doc.kind in ("offers", "requests"):
            price = _("%(price)s per unit") % {"price": amount}
        else:
            price = amount
    return {
        "url": doc.url,
        "title": doc.title,
        "meta": doc.meta,
        "distance_km": hit.distance_km,
        "summary": summary,
        "price": price,
        "out_of_stock": doc.kind == "products" and doc.in_stock is False,
    }


class _Links:
    """Query strings of the page's links (urlencode's output), each (name, value) pair encoded
    once per request: a facet's links differ from the page's own in one parameter, and the
    page has a link per facet value."""

    def __init__(self):
        self._encoded: dict[tuple[str, str], str] = {}

    def _pair(self, name: str, value) -> str:
        pair = (name, value)
        encoded = self._encoded.get(pair)
        if encoded is None:
            encoded = self._encoded[pair] = f"{quote_plus(name)}={quote_plus(str(value))}"
        return encoded

    def __call__(self, params: dict, **changes) -> str:
        merged = {**params, **changes}
        return "?" + "&".join(
            self._pair(k, v)
            for k, values in merged.items()
            for v in (values if isinstance(values, list) else [values])
            if v
        )


# Characters of parameters besides the text (which is cut at MAX_QUERY_LENGTH): twice what
# the largest honest request needs (40 filter values of a few dozen characters).
MAX_FILTERS_SIZE = 4096


# Parameters of the largest honest request: q, kind, sort, near, page and 40 filter values.
MAX_PARAMETERS = 64
# Bytes of the raw query string: the text and the filters, percent-encoded (up to 9 bytes a letter).
MAX_QUERY_STRING = 8 * MAX_FILTERS_SIZE


def _refusal(request) -> str:
    """Why the request is refused before any search runs ("" when it is not)."""
    raw = request.META.get("QUERY_STRING", "")
    if len(raw) > MAX_QUERY_STRING or raw.count("&") >= MAX_PARAMETERS:
        # Refused before Django parses it: parsing 2,000 values costs more than answering.
        return str(_("This search is too long. Choose fewer filters."))
    size = sum(len(key) + len(value) for key, values in request.GET.lists() if key != "q" for value in values)
    if size > MAX_FILTERS_SIZE:
        return str(_("This search is too long. Choose fewer filters."))
    try:
        services.refuse_nul(*(part for key, values in request.GET.lists() for part in (key, *values)))
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


def _refused_page(request, message: str):
    return render(request, "search/refused.html", {"message": message}, status=400)


def search_page(request):
    refusal = _refusal(request)
    if refusal:
        return _refused_page(request, refusal)
    kind_name = request.GET.get("kind") or ALL
    if get_kind(kind_name) is None:
        kind_name = ALL
    kind = get_kind(kind_name)
    text = request.GET.get("q", "")[: services.MAX_QUERY_LENGTH]
    sort = request.GET.get("sort", "relevance")
    point = _parse_point(request.GET.get("near", ""))
    filters = {facet.name: request.GET.getlist(facet.name) for facet in kind.facets}
    if point:
        filters["near"] = point
    try:
        page = max(1, min(MAX_PAGE, int(request.GET.get("page", 1))))
    except ValueError:
        page = 1
    error = ""
    try:
        result = services.search(kind_name, text, filters, None, sort, page, _locale(), per_page=PER_PAGE)
    except ValidationError as exc:
        if getattr(exc, "code", None) in services.REFUSED_CODES:
            return _refused_page(request, " ".join(exc.messages))
        error = " ".join(exc.messages)
        result = services.search(kind_name, text, {}, None, "relevance", 1, _locale(), per_page=PER_PAGE)

    link = _Links()
    params: dict = {"q": text, "kind": kind_name if kind_name != ALL else ""}
    if sort != "relevance":
        params["sort"] = sort
    if point:
        params["near"] = request.GET.get("near")
    for facet in kind.facets:
        if filters.get(facet.name):
            params[facet.name] = filters[facet.name]

    facet_blocks = []
    for facet in kind.facets:
        counts = result.facets.get(facet.name, [])
        if not counts:
            continue
        chosen = list(params.get(facet.name, []))
        values = []
        for count in counts:
            toggled = [v for v in chosen if v != count.value] if count.selected else chosen + [count.value]
            values.append(
                {
                    "label": count.label,
                    # As text: the template would localise each number (no thousands separator
                    # is shown, so it is the same string) at twice the cost of the rest of the line.
                    "count": str(count.count),
                    "selected": count.selected,
                    "url": link(params, **{facet.name: toggled}),
                }
            )
        facet_blocks.append({"facet": facet, "values": values})

    kind_links = [
        {"name": ALL, "label": get_kind(ALL).label, "url": link({"q": text}), "current": kind_name == ALL},
        *[
            {
                "name": k.name,
                "label": k.label,
                "url": link({"q": text, "kind": k.name}),
                "current": kind_name == k.name,
            }
            for k in kinds().values()
        ],
        *[
            {
                "name": name,
                "label": get_kind(name).label,
                "url": link({"q": text, "kind": name}),
                "current": kind_name == name,
            }
            for name in GROUPS
            if get_kind(name) is not None
        ],
    ]
    context = {
        "query": text,
        "kind": kind,
        "kind_links": kind_links,
        "result": result,
        "cards": [_card(hit) for hit in result.hits],
        "facet_blocks": facet_blocks,
        # The sort form carries the chosen filters along.
        "chosen_filters": [
            (block["facet"].name, count.value)
            for block in facet_blocks
            for count in result.facets[block["facet"].name]
            if count.selected
        ],
        "error": error,
        "sort": sort,
        "sorts": [s for s in kind.sorts if s != "distance" or point] if kind_name != ALL else ["relevance", "title"],
        "near": request.GET.get("near", "") if point else "",
        "previous_url": link(params, page=result.page - 1) if result.has_previous else "",
        "next_url": link(params, page=result.page + 1) if result.has_next else "",
        "did_you_mean_url": link({"q": result.did_you_mean, "kind": params["kind"]}) if result.did_you_mean else "",
        "clear_url": link({"q": text, "kind": params["kind"]}),
    }
    return render(request, "search/search.html", context)


def suggest(request):
    refusal = _refusal(request)
    if refusal:
        return JsonResponse({"error": refusal}, status=400, json_dumps_params={"ensure_ascii": False})
    text = request.GET.get("q", "")
    kind = request.GET.get("kind") or ALL
    documents = services.suggest(text, _locale(), kind=kind if get_kind(kind) else ALL)
    labels = {name: str(k.label) for name, k in kinds().items()}
    return JsonResponse(
        {
            "query": text,
            "suggestions": [
                {"title": d.title, "url": d.url, "kind": d.kind, "kind_label": labels.get(d.kind, ""), "meta": d.meta}
                for d in documents
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )
