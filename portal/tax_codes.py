"""Vietnamese tax codes (mã số thuế): 10 digits whose last is a check digit, or 13 for a
branch or dependent unit (the parent's 10, a hyphen, 3 digits). One rule for every form.

The check digit: the first nine digits weighted 31, 29, 23, 19, 17, 13, 7, 5, 3, summed; 10 minus the sum modulo
11. A code whose sum gives 10 is never issued.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)
_SEPARATORS = re.compile(r"[\s.\-]")


def tax_code_check_digit(first_nine: str) -> int | None:
    """The tenth digit for these nine; None when no code with them can be valid."""
    check = 10 - sum(int(d) * w for d, w in zip(first_nine, WEIGHTS, strict=True)) % 11
    return None if check == 10 else check


def normalise_tax_code(raw: str) -> str:
    """'0100109106', '0100 109 106' → '0100109106'; '0100109106001', '0100109106-001' →
    '0100109106-001' (the way invoices print it). Raises ValidationError."""
    digits = _SEPARATORS.sub("", raw or "")
    if not digits.isdigit() or len(digits) not in (10, 13):
        raise ValidationError(
            _("A tax code has 10 digits, or 13 for a branch (e.g. 0100109106 or 0100109106-001)."),
            code="tax_code_format",
        )
    if tax_code_check_digit(digits[:9]) != int(digits[9]):
        raise ValidationError(
            _("This tax code's check digit is wrong: please check the number."), code="tax_code_check"
        )
    if len(digits) == 13:
        if digits[10:] == "000":
            raise ValidationError(_("A branch's tax code ends in 001 to 999."), code="tax_code_branch")
        return f"{digits[:10]}-{digits[10:]}"
    return digits
