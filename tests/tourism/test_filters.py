"""The tourism index filters by type and area, in both languages, with no JavaScript."""

from tourism.models import AttractionPage


def _listing_titles(response) -> str:
    return response.content.decode()


def test_filter_by_type(client, tourism):
    beaches = AttractionPage.objects.live().filter(locale=tourism["en"], attraction_type="beach")
    others = AttractionPage.objects.live().filter(locale=tourism["en"]).exclude(attraction_type="beach")
    html = client.get("/en/travel/?type=beach").content.decode()
    for page in beaches:
        assert page.title in html
    for page in others:
        assert f">{page.title}</a>" not in html
    assert "No places match these filters." in html


def test_filter_by_area_works_across_languages(client, tourism):
    for prefix, expected, absent in (
        ("/vi/du-lich/", "Hòn Trống Mái", "Thành nhà Hồ"),
        ("/en/travel/", "Trống Mái Rocks (Cock and Hen Rocks)", "Citadel of the Hồ Dynasty"),
    ):
        html = client.get(prefix, {"area": "tp-sam-son"}).content.decode()
        assert expected in html
        assert f">{absent}</a>" not in html


def test_filter_by_place_kind(client, tourism):
    html = client.get("/en/travel/?type=stay").content.decode()
    assert "Pu Luong Retreat" in html
    assert ">Trường Thi bánh khoái street</a>" not in html
    assert "No attractions match these filters." in html


def test_unknown_filter_values_are_reported_not_a_server_error(client, tourism):
    response = client.get("/en/travel/?type=volcano&area=atlantis")
    assert response.status_code == 200
    html = response.content.decode()
    assert "errorlist" in html
    assert "Citadel of the Hồ Dynasty" in html  # nothing filtered


def test_index_uses_a_bounded_number_of_queries(client, tourism, django_assert_max_num_queries):
    client.get("/en/travel/")  # warm caches (site root paths, locales)
    with django_assert_max_num_queries(40):
        client.get("/en/travel/?type=heritage")
