"""GTINs: GS1 check digits and the 14-digit form used in Digital Link URIs."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

GTIN_LENGTHS = (8, 12, 13, 14)


def gtin_check_digit(body: str) -> int:
    """The GS1 mod-10 check digit for the digits before it."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def is_valid_gtin(value: str) -> bool:
    return (
        isinstance(value, str)
        and value.isascii()
        and value.isdigit()
        and len(value) in GTIN_LENGTHS
        and gtin_check_digit(value[:-1]) == int(value[-1])
    )


def normalize_gtin(value: str) -> str:
    """Validate a GTIN-8/12/13/14 and return it padded to 14 digits."""
    value = (value or "").strip().replace(" ", "")
    if not (value.isascii() and value.isdigit()) or len(value) not in GTIN_LENGTHS:
        raise ValidationError(_("A GTIN has 8, 12, 13 or 14 digits and nothing else."), code="gtin_format")
    if gtin_check_digit(value[:-1]) != int(value[-1]):
        raise ValidationError(_("The GTIN check digit is wrong."), code="gtin_check_digit")
    return value.zfill(14)


def validate_gtin(value: str) -> None:
    normalize_gtin(value)
