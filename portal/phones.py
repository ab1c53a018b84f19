"""Phone numbers, one rule for every form: Google's `phonenumbers` decides what is a number.

Vietnamese numbers are stored as their national digits ('0912345678', '02373852123'), which is
how people here write and search them; a number of another country (where a form accepts one)
is stored in E.164 ('+33612345678').
"""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

REGION = "VN"


def normalise_phone(raw: str, *, vietnamese_only: bool = True) -> str:
    """'+84 912 345 678', '84912345678', '0912.345.678' → '0912345678'; raises ValidationError."""
    try:
        number = phonenumbers.parse(raw or "", REGION)
    except phonenumbers.NumberParseException:
        number = None
    foreign = number is not None and number.country_code != phonenumbers.country_code_for_region(REGION)
    if foreign and vietnamese_only:
        raise ValidationError(_("Enter a Vietnamese phone number."), code="phone_country")
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("Enter a Vietnamese phone number, e.g. 0912 345 678 or +84 912 345 678.")
            if vietnamese_only
            else _("Enter a phone number, e.g. 0912 345 678 or +33 6 12 34 56 78."),
            code="phone_format",
        )
    if phonenumbers.region_code_for_number(number) == REGION:
        national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        return "".join(ch for ch in national if ch.isdigit())
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
