"""The date range a dashboard covers, read from `?start=YYYY-MM-DD&end=YYYY-MM-DD`."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EARLIEST = date(2000, 1, 1)
MAX_DAYS = 3 * 366  # longer ranges are refused: the charts would be unreadable


@dataclass(frozen=True)
class Period:
    start: date  # first local day included
    end: date  # last local day included

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def start_at(self) -> datetime:
        return datetime.combine(self.start, time.min, tzinfo=local_zone())

    @property
    def end_before(self) -> datetime:
        """The first instant after the period (exclusive bound)."""
        return datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=local_zone())

    def key(self) -> str:
        return f"{self.start.isoformat()}_{self.end.isoformat()}"


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data, *, default_days: int):
        super().__init__(data)
        self.default_days = default_days

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        end = cleaned.get("end") or today
        start = cleaned.get("start") or end - timedelta(days=self.default_days - 1)
        if end < start:
            raise ValidationError(_("The end date is before the start date. Swap them and try again."), code="reversed")
        if start < EARLIEST or end > today + timedelta(days=366):
            raise ValidationError(
                _("Choose dates between %(earliest)s and next year.") % {"earliest": EARLIEST.isoformat()},
                code="absurd",
            )
        if (end - start).days + 1 > MAX_DAYS:
            raise ValidationError(_("Choose a range of at most three years."), code="too_long")
        cleaned["period"] = Period(start, end)
        return cleaned


def default_period(days: int) -> Period:
    end = timezone.localdate()
    return Period(end - timedelta(days=days - 1), end)


def period_from_request(request, default_days: int) -> tuple[Period, PeriodForm]:
    """The period asked for, or the default one when the input is wrong (the form then holds the errors)."""
    form = PeriodForm(request.GET, default_days=default_days)
    if form.is_valid():
        return form.cleaned_data["period"], form
    return default_period(default_days), form
