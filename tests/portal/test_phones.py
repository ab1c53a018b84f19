"""One phone rule for every form (portal.phones, on Google's phonenumbers)."""

import pytest
from django.core.exceptions import ValidationError

from portal.phones import normalise_phone


@pytest.mark.parametrize(
    "written", ["0912345678", "0912 345 678", "0912.345.678", "+84 912 345 678", "84912345678", "(091) 234-5678"]
)
def test_the_ways_people_write_a_mobile_number_store_its_national_digits(written):
    assert normalise_phone(written) == "0912345678"


def test_a_fixed_line_with_its_area_code_is_a_number():
    assert normalise_phone("0237 3852 123") == "02373852123"


@pytest.mark.parametrize("written", ["", "12345", "0112345678", "09123456789", "abc"])
def test_what_is_not_a_number_is_refused(written):
    with pytest.raises(ValidationError) as error:
        normalise_phone(written, vietnamese_only=False)
    assert error.value.code == "phone_format"


def test_a_foreign_number_is_refused_where_only_vietnamese_ones_are_taken_and_kept_in_e164_elsewhere():
    with pytest.raises(ValidationError) as error:
        normalise_phone("+33 6 12 34 56 78")
    assert error.value.code == "phone_country"
    assert normalise_phone("+33 6 12 34 56 78", vietnamese_only=False) == "+33612345678"
