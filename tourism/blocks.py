"""StreamField blocks of the tourism pages: opening hours, festival programmes, galleries."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock

WEEKDAYS = [
    ("Mo", _("Monday")),
    ("Tu", _("Tuesday")),
    ("We", _("Wednesday")),
    ("Th", _("Thursday")),
    ("Fr", _("Friday")),
    ("Sa", _("Saturday")),
    ("Su", _("Sunday")),
]
SCHEMA_DAYS = {
    "Mo": "Monday",
    "Tu": "Tuesday",
    "We": "Wednesday",
    "Th": "Thursday",
    "Fr": "Friday",
    "Sa": "Saturday",
    "Su": "Sunday",
}
SEASONS = [
    ("", _("All year")),
    ("summer", _("Summer (April to September)")),
    ("winter", _("Winter (October to March)")),
]


class OpeningHoursBlock(blocks.StructBlock):
    """One row of opening hours: on these days, from opens to closes."""

    days = blocks.MultipleChoiceBlock(choices=WEEKDAYS, label=_("Days"), default=[d for d, _label in WEEKDAYS])
    opens = blocks.TimeBlock(label=_("Opens"))
    closes = blocks.TimeBlock(label=_("Closes"))
    season = blocks.ChoiceBlock(choices=SEASONS, required=False, label=_("Season"))

    class Meta:
        icon = "time"
        label = _("Opening hours")

    def clean(self, value):
        value = super().clean(value)
        if value["opens"] and value["closes"] and value["closes"] <= value["opens"]:
            raise StructBlockValidationError(
                block_errors={"closes": ValidationError(_("Closing time must be after opening time."))}
            )
        return value


class ProgrammeItemBlock(blocks.StructBlock):
    when = blocks.CharBlock(label=_("When"), help_text=_("e.g. “Day 1, morning” or “22nd day of the 8th month”"))
    what = blocks.CharBlock(label=_("What happens"))
    details = blocks.TextBlock(required=False, label=_("Details"))

    class Meta:
        icon = "date"
        label = _("Programme item")


GALLERY_BLOCKS = [("image", ImageBlock(label=_("Image")))]
OPENING_HOURS_BLOCKS = [("hours", OpeningHoursBlock())]
PROGRAMME_BLOCKS = [("item", ProgrammeItemBlock())]


def days_label(codes) -> str:
    """“Monday – Sunday”, “Saturday, Sunday”: consecutive days joined as a range."""
    order = [code for code, _label in WEEKDAYS]
    names = dict(WEEKDAYS)
    picked = sorted({c for c in codes if c in names}, key=order.index)
    if len(picked) >= 3 and order.index(picked[-1]) - order.index(picked[0]) == len(picked) - 1:
        return f"{names[picked[0]]} – {names[picked[-1]]}"
    return ", ".join(str(names[c]) for c in picked)


def opening_hours_rows(stream) -> list[dict]:
    seasons = dict(SEASONS)
    return [
        {
            "days": days_label(block.value["days"]),
            "opens": block.value["opens"],
            "closes": block.value["closes"],
            "season": seasons.get(block.value.get("season") or "", "") if block.value.get("season") else "",
        }
        for block in stream
    ]


class HighlightBlock(blocks.StructBlock):
    """A room type or a dish a tourism business wants visitors to see, with its usual price."""

    name = blocks.CharBlock(label=_("Name"), max_length=120)
    description = blocks.TextBlock(required=False, label=_("Description"), max_length=500)
    price = blocks.IntegerBlock(required=False, min_value=0, label=_("Price (đồng)"))

    class Meta:
        icon = "list-ul"
        label = _("Room or dish")


class SeasonalOfferBlock(blocks.StructBlock):
    """A dated offer (a summer room rate, a Tết menu): shown until its last day has passed."""

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    starts = blocks.DateBlock(label=_("From"))
    ends = blocks.DateBlock(label=_("Until"))
    text = blocks.TextBlock(required=False, label=_("Details"), max_length=1000)

    class Meta:
        icon = "date"
        label = _("Seasonal offer")

    def clean(self, value):
        value = super().clean(value)
        if value["starts"] and value["ends"] and value["ends"] < value["starts"]:
            raise StructBlockValidationError(
                block_errors={"ends": ValidationError(_("The offer cannot end before it starts."))}
            )
        return value


HIGHLIGHT_BLOCKS = [("highlight", HighlightBlock())]
OFFER_BLOCKS = [("offer", SeasonalOfferBlock())]
