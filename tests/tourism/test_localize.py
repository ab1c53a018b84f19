"""wagtail-localize: coordinates, prices and dates are synchronised, text is translated."""

from wagtail_localize.models import OverridableSegment, StringSegment, TranslationSource

from portal.models import Area
from tourism.models import AttractionPage, EventPage


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_attraction_translation_keeps_coordinates_and_prices_in_step(tourism):
    area = Area.objects.get(locale=tourism["vi"], slug="tp-sam-son")
    page = AttractionPage(
        title="Điểm thử",
        slug="diem-thu",
        attraction_type="beach",
        intro="Một bãi biển để thử.",
        area=area,
        latitude=19.75,
        longitude=105.9,
        price_adult=10000,
        best_months=[5, 6],
    )
    tourism["index_vi"].add_child(instance=page)
    _publish(page)

    source, _created = TranslationSource.get_or_create_from_instance(page)
    texts = set(StringSegment.objects.filter(source=source).values_list("string__data", flat=True))
    assert "Một bãi biển để thử." in texts
    overridable = set(OverridableSegment.objects.filter(source=source).values_list("context__path", flat=True))
    assert not overridable & {"latitude", "longitude", "price_adult", "best_months", "attraction_type"}

    source.create_or_update_translation(tourism["en"], fallback=True)
    english = page.get_translation(tourism["en"])
    assert (english.latitude, english.longitude, english.price_adult) == (19.75, 105.9, 10000)
    assert english.best_months == [5, 6]
    assert english.area.locale == tourism["en"] and english.area.slug == "tp-sam-son"

    page.latitude, page.price_adult = 19.76, 15000
    _publish(page)
    source.update_from_db()
    source.create_or_update_translation(tourism["en"], fallback=True)
    english.refresh_from_db()
    assert (english.latitude, english.price_adult) == (19.76, 15000)


def test_event_dates_are_synchronised(tourism):
    event = EventPage(title="Hội thử", slug="hoi-thu", calendar="lunar", lunar_month=3, lunar_day=10)
    tourism["index_vi"].add_child(instance=event)
    _publish(event)
    source, _created = TranslationSource.get_or_create_from_instance(event)
    source.create_or_update_translation(tourism["en"], fallback=True)
    english = event.get_translation(tourism["en"])
    assert (english.lunar_month, english.lunar_day) == (3, 10)
    assert english.next_occurrence == event.next_occurrence
