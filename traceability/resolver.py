"""GS1-Conformant resolver features on our Digital Link paths (GS1 Digital Link 1.2, resolver standard 1.1).

For `/01/<gtin>[/10/<lot>]`: the links we hold (product page, the batch's trace page and
EPCIS events, certificates, recall status), offered as a `Link` header on every answer, as a
linkset (`linkType=all`, `application/linkset+json`) and by `linkType=gs1:…`.
"""

from urllib.parse import quote, unquote

from django.conf import settings
from django.utils import timezone

GS1_VOC = "https://gs1.org/voc/"
LINK_TYPES = ("gs1:pip", "gs1:traceability", "gs1:epcis", "gs1:certificationInfo", "gs1:recallStatus")
LINKSET_TYPE = "application/linkset+json"


def raw_path(request) -> str:
    """The path as the client sent it: `%2F` inside a lot must not become a path separator.

    WSGI servers decode PATH_INFO; gunicorn keeps the raw request line in RAW_URI, others
    in REQUEST_URI. Used only when it decodes to the same path Django routed.
    """
    from django.utils.encoding import escape_uri_path

    for key in ("RAW_URI", "REQUEST_URI"):
        raw = request.META.get(key, "")
        if raw.startswith("/"):
            path = raw.split("?", 1)[0]
            if unquote(path) == request.path:
                return path
    return escape_uri_path(request.path)


def _absolute(path: str) -> str:
    return settings.SITE_BASE_URL + path


def link_path(gtin: str, lot: str | None) -> str:
    path = f"/01/{gtin}"
    return path + (f"/10/{quote(lot, safe='')}" if lot else "")


def links(gtin: str, lot: str | None, product_url: str | None, batch=None, lang: str = "vi") -> list[dict]:
    """The links we hold for a product (and one of its batches), as GS1 link types."""
    here = _absolute(link_path(gtin, lot))
    found = []
    if product_url:
        found.append({"rel": "gs1:pip", "href": product_url, "type": "text/html", "hreflang": lang})
    if batch is not None:
        found += [
            {"rel": "gs1:traceability", "href": here, "type": "text/html", "hreflang": lang},
            {"rel": "gs1:epcis", "href": here + "?linkType=gs1:epcis", "type": "application/ld+json"},
            {"rel": "gs1:recallStatus", "href": here + "?linkType=gs1:recallStatus", "type": "application/json"},
        ]
    found.append(
        {"rel": "gs1:certificationInfo", "href": here + "?linkType=gs1:certificationInfo", "type": "application/json"}
    )
    return found


def link_header(found: list[dict], gtin: str, lot: str | None) -> str:
    parts = [f'<{link["href"]}>; rel="{GS1_VOC}{link["rel"][4:]}"; type="{link["type"]}"' for link in found]
    parts.append(f'<{_absolute(link_path(gtin, lot))}?linkType=all>; rel="linkset"; type="{LINKSET_TYPE}"')
    return ", ".join(parts)


def linkset(found: list[dict], gtin: str, lot: str | None, default_rel: str) -> dict:
    anchor = _absolute(link_path(gtin, lot))
    entry = {"anchor": anchor}
    for link in found:
        target = {k: v for k, v in link.items() if k != "rel"}
        entry.setdefault(GS1_VOC + link["rel"][4:], []).append(target)
        if link["rel"] == default_rel:
            entry.setdefault(GS1_VOC + "defaultLink", []).append(target)
    return {"linkset": [entry]}


def certificates(product) -> list[dict]:
    """The product's and its producer's certificates, with issuer, number and validity."""
    rows = list(product.certificates.all())
    if product.producer_id:
        rows += list(product.producer.certificates.all())
    today = timezone.localdate()
    return [
        {
            "kind": c.kind,
            "name": c.name or c.get_kind_display(),
            "number": c.number,
            "issuer": c.issuer,
            "issuedOn": c.issued_on.isoformat() if c.issued_on else None,
            "validUntil": c.valid_until.isoformat() if c.valid_until else None,
            "valid": c.valid_until is None or c.valid_until >= today,
        }
        for c in rows
    ]


def recall_status(batch) -> dict:
    return {
        "recalled": batch.is_recalled,
        "reason": batch.recall_reason if batch.is_recalled else "",
        "recalledAt": batch.recalled_at.isoformat() if batch.recalled_at else None,
    }


def description() -> dict:
    """`/.well-known/gs1resolver`: what this resolver does (GS1-Conformant resolver standard)."""
    return {
        "name": "Xứ Thanh",
        "resolverRoot": settings.SITE_BASE_URL,
        "supportedPrimaryKeys": ["01"],
        "supportedLinkType": [GS1_VOC + t[4:] for t in LINK_TYPES],
        "linkTypeDefaultCanBeLinkset": False,
        "supportedContextValuesEnumerated": [],
        "validatingSchemeEnumerated": ["gs1:traceability"],
        "linksetMediaTypes": [LINKSET_TYPE],
        "contact": settings.SITE_BASE_URL,
    }
