"""A quantity with its unit in the active language, plural where English needs it: "20 tonnes",
"1 tonne", "2.5 tonnes", "500 kg" (symbols such as kg, g and m² have no plural). The board and
the batches name their units differently; both read the forms from here by the unit's noun."""

from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.utils.translation import ngettext_lazy

FORMS = {
    "tonne": ngettext_lazy("%(quantity)s tonne", "%(quantity)s tonnes", "count"),
    "litre": ngettext_lazy("%(quantity)s litre", "%(quantity)s litres", "count"),
    "piece": ngettext_lazy("%(quantity)s piece", "%(quantity)s pieces", "count"),
    "box": ngettext_lazy("%(quantity)s box", "%(quantity)s boxes", "count"),
    "bag": ngettext_lazy("%(quantity)s bag", "%(quantity)s bags", "count"),
    "roll": ngettext_lazy("%(quantity)s roll", "%(quantity)s rolls", "count"),
    "pack": ngettext_lazy("%(quantity)s pack", "%(quantity)s packs", "count"),
    "bottle": ngettext_lazy("%(quantity)s bottle", "%(quantity)s bottles", "count"),
}


def quantity_with_unit(quantity, noun: str, symbol: str) -> str:
    """`noun` picks the plural forms; a unit without them (kg, g, m²) is written `symbol`."""
    exact = Decimal(quantity).quantize(Decimal("0.001")).normalize()
    places = max(0, -exact.as_tuple().exponent)  # "2.5 kg", not "2.500 kg"
    text = floatformat(exact, f"{places}g")
    forms = FORMS.get(noun)
    if forms is None:
        return f"{text} {symbol}"
    count = int(quantity) if quantity == int(quantity) else 2  # a fraction reads as plural
    return forms % {"quantity": text, "count": count}
