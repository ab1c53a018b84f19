"""Money is an integer number of đồng; this formats it for the active language and reads
prices typed in it."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _


def format_dong(amount: int | None, language: str | None = None) -> str:
    """`150.000 ₫` in Vietnamese, `₫150,000` in English."""
    if amount is None:
        return ""
    language = (language or translation.get_language() or "vi")[:2]
    sign = "-" if amount < 0 else ""
    grouped = f"{abs(int(amount)):,}"
    if language == "vi":
        return f"{sign}{grouped.replace(',', '.')}\u00a0₫"
    return f"{sign}₫{grouped}"


def group_digits(amount: int, language: str | None = None) -> str:
    """`50.000` in Vietnamese, `50,000` in English: how a price is typed back into a form."""
    language = (language or translation.get_language() or "vi")[:2]
    grouped = f"{int(amount):,}"
    return grouped.replace(",", ".") if language == "vi" else grouped


_CURRENCY = re.compile(r"(?:₫|đ|đồng|vnđ|vnd)$|^(?:₫|vnđ|vnd)", re.IGNORECASE)


def parse_dong(text: str, language: str | None = None) -> int:
    """A price typed in the language's format, in whole đồng.

    Vietnamese groups thousands with "." and writes decimals with ","; English the other
    way round. "50.000" on the Vietnamese site is 50000 (Django's IntegerField read it as
    50). Đồng have no decimals, and a group that is not three digits is a typo, so both are
    refused rather than guessed at.
    """
    language = (language or translation.get_language() or "vi")[:2]
    group_mark, decimal_mark = (".", ",") if language == "vi" else (",", ".")
    value = re.sub(r"[\s\u00a0\u202f]", "", str(text or ""))
    value = _CURRENCY.sub("", value)
    if not value:
        raise ValidationError(_("Type a price."), code="price_empty")
    if decimal_mark in value:
        raise ValidationError(
            _("Prices are in whole đồng, without decimals: type %(example)s.")
            % {"example": group_digits(50000, language)},
            code="price_decimals",
        )
    groups = value.split(group_mark)
    well_grouped = groups[0].isdigit() and all(len(g) == 3 and g.isdigit() for g in groups[1:])
    if not well_grouped or len(groups[0]) > (3 if len(groups) > 1 else 15):
        raise ValidationError(
            _("Type the price in đồng, like %(example)s.") % {"example": group_digits(50000, language)},
            code="price_format",
        )
    return int("".join(groups))


class DongField(forms.Field):
    """A price in đồng typed as people write it in the page's language (see `parse_dong`)."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return parse_dong(value)

    def prepare_value(self, value):
        return group_digits(value) if isinstance(value, int) else value
