"""Prices typed as each language writes them: one parser (portal.money.parse_dong) for every price filter."""

import pytest
from django.core.exceptions import ValidationError

from portal.money import DongField, group_digits, parse_dong


@pytest.mark.parametrize(
    ("typed", "language", "expected"),
    [
        ("50.000", "vi", 50_000),
        ("1.250.000", "vi", 1_250_000),
        ("50000", "vi", 50_000),
        ("50 000", "vi", 50_000),
        ("50.000 ₫", "vi", 50_000),
        ("50.000đ", "vi", 50_000),
        ("50,000", "en", 50_000),
        ("₫50,000", "en", 50_000),
        ("1,250,000", "en", 1_250_000),
        ("50000", "en", 50_000),
        ("0", "vi", 0),
    ],
)
def test_a_price_is_read_in_the_languages_format(typed, language, expected):
    assert parse_dong(typed, language) == expected


@pytest.mark.parametrize(
    ("typed", "language", "code"),
    [
        ("50,5", "vi", "price_decimals"),  # đồng have no decimals
        ("50,000", "vi", "price_decimals"),  # an English-style price on the Vietnamese site is not guessed at
        ("50.000", "en", "price_decimals"),
        ("50.00.0", "vi", "price_format"),
        ("5.0000", "vi", "price_format"),
        ("-5000", "vi", "price_format"),
        ("abc", "en", "price_format"),
        ("1e9", "en", "price_format"),
        ("", "vi", "price_empty"),
    ],
)
def test_a_price_that_cannot_be_read_surely_is_refused(typed, language, code):
    with pytest.raises(ValidationError) as error:
        parse_dong(typed, language)
    assert error.value.code == code


def test_the_price_field_shows_back_what_it_understood():
    assert group_digits(50_000, "vi") == "50.000"
    assert group_digits(50_000, "en") == "50,000"
    field = DongField(required=False)
    assert field.widget.input_type == "text"  # a number input drops "50,000" before the server sees it
    assert field.clean("") is None
