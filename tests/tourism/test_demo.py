from tourism.models import AttractionPage, EventPage, ItineraryPage, PlacePage


def test_demo_has_both_languages_and_enough_content(tourism):
    for locale in (tourism["vi"], tourism["en"]):
        assert AttractionPage.objects.live().filter(locale=locale).count() >= 20
        assert EventPage.objects.live().filter(locale=locale).count() >= 6
        assert ItineraryPage.objects.live().filter(locale=locale).count() >= 3
        assert PlacePage.objects.live().filter(locale=locale, place_kind="stay").exists()
        assert PlacePage.objects.live().filter(locale=locale, place_kind="eat").exists()


def test_citadel_of_the_ho_dynasty_is_in_the_demo(tourism):
    citadel = AttractionPage.objects.get(locale=tourism["vi"], slug="thanh-nha-ho")
    english = citadel.get_translation(tourism["en"])
    assert citadel.title == "Thành nhà Hồ"
    assert english.title == "Citadel of the Hồ Dynasty"
    assert english.slug == "citadel-of-the-ho-dynasty"
    assert (round(citadel.latitude, 3), round(citadel.longitude, 3)) == (20.078, 105.605)
    assert english.latitude == citadel.latitude and english.price_adult == 40000
    assert english.area.name != citadel.area.name or english.area.locale == tourism["en"]


def test_tourism_index_is_in_the_menu(tourism):
    assert tourism["index_vi"].show_in_menus and tourism["index_en"].show_in_menus


def test_loading_the_demo_again_changes_no_counts(tourism):
    import io

    from django.core.management.base import OutputWrapper
    from wagtail.images import get_image_model
    from wagtail.models import Page

    from tourism import demo
    from tourism.models import ItineraryStop

    class Command:
        stdout = OutputWrapper(io.StringIO())

    def counts():
        return (Page.objects.count(), get_image_model().objects.count(), ItineraryStop.objects.count())

    before = counts()
    demo.load(Command())
    assert counts() == before
