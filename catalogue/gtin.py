"""GTINs: GS1 check digits (through biip) and the 14-digit form used in Digital Link URIs."""

from biip import ParseError
from biip.checksums import gs1_standard_check_digit
from biip.gtin import Gtin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

GTIN_LENGTHS = (8, 12, 13, 14)


def gtin_check_digit(body: str) -> int:
    """The GS1 mod-10 check digit for the digits before it."""
    return gs1_standard_check_digit(body)


def _has_gtin_shape(value) -> bool:
    # biip also strips spaces and accepts non-ASCII digits; a GTIN here is exactly its digits.
    return isinstance(value, str) and value.isascii() and value.isdigit() and len(value) in GTIN_LENGTHS


def is_valid_gtin(value: str) -> bool:
    if not _has_gtin_shape(value):
        return False
    try:
        Gtin.parse(value)
    except ParseError:
        return False
    return True


def normalize_gtin(value: str) -> str:
    """Validate a GTIN-8/12/13/14 and return it padded to 14 digits."""
    value = (value or "").strip().replace(" ", "")
    if not _has_gtin_shape(value):
        raise ValidationError(_("A GTIN has 8, 12, 13 or 14 digits and nothing else."), code="gtin_format")
    try:
        return Gtin.parse(value).as_gtin_14()
    except ParseError:
        raise ValidationError(_("The GTIN check digit is wrong."), code="gtin_check_digit") from None
