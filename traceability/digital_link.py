"""GS1 Digital Link URIs: strict parsing on top of biip, and the URIs of our batches.

biip knows the Application Identifier table, value formats, dates and check digits, but is
lenient about the URI's structure (it accepts GTIN-13 in the path, unknown AIs, duplicated
AIs, qualifiers in the query…). `parse_digital_link` adds those rules, as GS1's syntax
engine applies them; GS1's published Digital Link cases (read by tests/traceability) are the test.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import quote

from biip import ParseError
from biip.gs1_application_identifiers import GS1ApplicationIdentifier
from biip.gs1_element_strings import GS1ElementString
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from catalogue.gtin import gtin_check_digit

# Primary keys and their allowed qualifier sequences (`dlpkey=` in GS1's syntax dictionary).
PRIMARY_KEYS: dict[str, list[list[str]]] = {
    "00": [[]],
    "01": [["22", "10", "21"], ["235"]],
    "253": [[]],
    "255": [[]],
    "401": [[]],
    "402": [[]],
    "414": [["254"], ["7040"]],
    "415": [["8020"]],
    "417": [["7040"]],
    "8003": [[]],
    "8004": [["7040"]],
    "8006": [["22", "10", "21"]],
    "8010": [["8011"]],
    "8013": [[]],
    "8017": [["8019"]],
    "8018": [["8019"]],
}

# Characters RFC 3986 allows raw in a URI (anything else must be percent-encoded).
_URI_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$")
_SCHEME = re.compile(r"^(http|https|HTTP|HTTPS)://")
_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# Our own lot numbers: a safe subset of GS1 character set 82 that needs no percent-encoding.
LOT_RE = re.compile(r"^[A-Za-z0-9._-]{1,20}$")


class DigitalLinkError(ValueError):
    """A URI that is not a valid GS1 Digital Link; `category` follows the GS1 test cases."""

    def __init__(self, category: str, message: str):
        super().__init__(message)
        self.category = category
        self.message = message


@dataclass
class DigitalLink:
    primary_key: tuple[str, str]
    path_ais: list[tuple[str, str]]
    query_ais: list[tuple[str, str]] = field(default_factory=list)
    other_params: dict[str, str] = field(default_factory=dict)

    def get(self, ai: str) -> str | None:
        for key, value in self.path_ais + self.query_ais:
            if key == ai:
                return value
        return None

    @property
    def gtin(self) -> str | None:
        return self.get("01")

    @property
    def lot(self) -> str | None:
        return self.get("10")

    @property
    def serial(self) -> str | None:
        return self.get("21")

    @property
    def element_string(self) -> str:
        return "".join(f"({ai}){value}" for ai, value in self.path_ais + self.query_ais)


def _application_identifier(ai: str) -> GS1ApplicationIdentifier | None:
    """biip's entry for exactly `ai` (its lookup takes the longest AI a string starts with)."""
    try:
        found = GS1ApplicationIdentifier.extract(ai)
    except ParseError:
        return None
    return found if found.ai == ai else None


def _decode(raw: str, in_query: bool) -> str:
    if _PERCENT.search(raw):
        raise DigitalLinkError("structure", "A % sign must start a two-digit hex escape.")
    if in_query:
        raw = raw.replace("+", " ")
    # Decode by bytes so that a multi-byte escape (%C3%94, "Ô") becomes one non-ASCII letter.
    data = bytearray()
    i = 0
    while i < len(raw):
        if raw[i] == "%":
            data.append(int(raw[i + 1 : i + 3], 16))
            i += 3
        else:
            data.extend(raw[i].encode())
            i += 1
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DigitalLinkError("forbidden_character", "Not UTF-8.") from error


def _check_value(ai: str, value: str, allow_short_gtin: bool) -> str:
    """Validate one AI value with biip's table and check digits; return it (GTINs padded)."""
    identifier = _application_identifier(ai)
    if identifier is None:
        raise DigitalLinkError("unknown_ai", f"Unknown application identifier ({ai}).")
    if value == "":
        raise DigitalLinkError("structure", f"({ai}) has no value.")
    if ai == "01" and allow_short_gtin and value.isdigit() and len(value) in (8, 12, 13):
        if gtin_check_digit(value[:-1]) != int(value[-1]):
            raise DigitalLinkError("check_digit", "The GTIN check digit is wrong.")
        value = value.zfill(14)
    if not value.isascii() or any(c in value for c in " #~") or not value.isprintable():
        raise DigitalLinkError("forbidden_character", f"({ai}) holds a character GS1 does not allow.")
    if not re.fullmatch(identifier.pattern, ai + value):
        if ai == "01" and value.isdigit():
            raise DigitalLinkError("wrong_length", "A GTIN in a Digital Link has 14 digits.")
        raise DigitalLinkError("bad_format", f"({ai}) has the wrong length or format.")
    try:
        element = GS1ElementString.extract(ai + value)
    except Exception as error:  # biip's ParseError: dates out of range and the like
        raise DigitalLinkError("bad_format", str(error)) from error
    if element.value != value:
        raise DigitalLinkError("wrong_length", f"({ai}) is too long.")
    if element.gtin_error or element.sscc_error or element.gln_error:
        raise DigitalLinkError("check_digit", "A check digit is wrong.")
    return value


def parse_digital_link(uri: str, allow_short_gtin: bool = False) -> DigitalLink:
    """Parse and validate a GS1 Digital Link URI, or raise DigitalLinkError.

    `allow_short_gtin` accepts a GTIN-8/12/13 in the path and pads it to 14 digits (the DL 1.2
    "legacy" form, which our resolver honours for old labels); GS1's engine refuses it by default.
    """
    if not isinstance(uri, str) or not _SCHEME.match(uri):
        raise DigitalLinkError("not_a_dl_uri", "A Digital Link starts with http:// or https://.")
    if not _URI_CHARS.match(uri):
        raise DigitalLinkError("forbidden_character", "The URI holds characters that must be percent-encoded.")
    rest = _SCHEME.sub("", uri, count=1).split("#", 1)[0]
    rest, _sep, query = rest.partition("?")
    host, slash, path = rest.partition("/")
    if not host or not slash or not path:
        raise DigitalLinkError("structure", "No path.")
    segments = path.split("/")
    if any(s == "" for s in segments):
        raise DigitalLinkError("structure", "Empty path segment or trailing slash.")
    start = None
    for i in range(len(segments) - 2, -1, -1):
        if segments[i] in PRIMARY_KEYS and (len(segments) - i) % 2 == 0:
            start = i
            break
    if start is None:
        raise DigitalLinkError("structure", "No GS1 primary key in the path.")
    pairs = [(segments[j], _decode(segments[j + 1], False)) for j in range(start, len(segments), 2)]
    key_ai = pairs[0][0]
    qualifiers = [ai for ai, _v in pairs[1:]]
    for ai in qualifiers:
        if _application_identifier(ai) is None:
            raise DigitalLinkError("unknown_ai", f"Unknown application identifier ({ai}).")
    used_sequence = None
    for sequence in PRIMARY_KEYS[key_ai]:
        positions = [sequence.index(ai) if ai in sequence else -1 for ai in qualifiers]
        if all(p >= 0 for p in positions) and positions == sorted(set(positions)):
            used_sequence = sequence
            break
    if used_sequence is None:
        raise DigitalLinkError("wrong_order", "Qualifiers not allowed here or out of order.")
    path_ais = [(ai, _check_value(ai, value, allow_short_gtin and ai == "01")) for ai, value in pairs]

    seen = {ai for ai, _v in path_ais}
    all_qualifiers = {ai for sequence in PRIMARY_KEYS[key_ai] for ai in sequence}
    query_ais, other = [], {}
    for part in query.split("&"):
        if not part:
            continue
        key, _eq, raw_value = part.partition("=")
        if not key.isdigit():
            other[key] = raw_value
            continue
        value = _decode(raw_value, True)
        if key in seen:
            raise DigitalLinkError("duplicate_ai", f"({key}) appears twice.")
        if key in all_qualifiers and not (key == "10" and used_sequence == ["235"]):
            raise DigitalLinkError("qualifier_in_query", f"({key}) belongs in the path.")
        query_ais.append((key, _check_value(key, value, False)))
        seen.add(key)
    return DigitalLink(primary_key=path_ais[0], path_ais=path_ais, query_ais=query_ais, other_params=other)


def validate_lot(value: str) -> None:
    """Our lot numbers: 1–20 of A–Z a–z 0–9 . _ - (GS1 AI 10, nothing that needs escaping)."""
    if not LOT_RE.match(value or ""):
        raise ValidationError(
            _("A lot number has 1 to 20 letters without diacritics, digits, dots, dashes or underscores."),
            code="lot_format",
        )


def product_link_path(gtin: str) -> str:
    """A product's GS1 Digital Link on this site (the resolver sends it to the product page)."""
    return f"/01/{gtin}"


def digital_link_path(gtin: str, lot: str) -> str:
    return f"/01/{gtin}/10/{quote(lot, safe='')}"


def batch_uri(batch) -> str:
    """The URI printed in the batch's QR code: its Digital Link, or the short link without a GTIN."""
    base = settings.SITE_BASE_URL
    if batch.gtin:
        return base + digital_link_path(batch.gtin, batch.lot_number)
    return f"{base}/t/{batch.public_code}"
