"""Vietnamese phone numbers: accept the ways people write them, store `0` + 9 digits."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Mobile prefixes in use since the 2018 renumbering (03x, 05x, 07x, 08x, 09x) and
# fixed lines (02x + area code), all ten digits with the leading 0.
_NATIONAL = re.compile(r"^0(?:3[2-9]|5[25689]|7[06-9]|8[1-9]|9[0-46-9]|2\d)\d{7}$")


def normalise_phone(raw: str) -> str:
    """'+84 912 345 678', '84912345678', '0912.345.678' → '0912345678'; raises ValidationError."""
    digits = re.sub(r"[\s.\-()]", "", raw or "")
    if digits.startswith("+"):
        digits = digits[1:]
        if not digits.startswith("84"):
            raise ValidationError(_("Enter a Vietnamese phone number."), code="phone_country")
    if digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not digits.isdigit() or not _NATIONAL.match(digits):
        raise ValidationError(
            _("Enter a Vietnamese phone number, e.g. 0912 345 678 or +84 912 345 678."), code="phone_format"
        )
    return digits
