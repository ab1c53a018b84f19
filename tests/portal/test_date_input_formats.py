"""Dates are read day first in both languages: "01/12/2026" is 1 December 2026, never 12 January.
(The admin's batch form: tests/traceability/test_batch_form_dates.py.)"""

import datetime

import pytest
from django import forms
from django.utils import translation

DECEMBER_1 = datetime.date(2026, 12, 1)


class DateForm(forms.Form):
    day = forms.DateField()
    moment = forms.DateTimeField()


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("typed", ["01/12/2026", "1/12/2026", "01-12-2026", "01.12.2026", "2026-12-01"])
def test_a_date_typed_day_first_is_read_day_first(language, typed):
    with translation.override(language):
        form = DateForm({"day": typed, "moment": f"{typed} 08:30"})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == DECEMBER_1
    assert form.cleaned_data["moment"].date() == DECEMBER_1


def test_english_reads_written_months_and_refuses_month_first():
    with translation.override("en"):
        assert DateForm({"day": "1 Dec 2026", "moment": "2026-12-01 08:30"}).is_valid()
        refused = DateForm({"day": "12/31/2026", "moment": "2026-12-01 08:30"})
        assert not refused.is_valid() and "day" in refused.errors
