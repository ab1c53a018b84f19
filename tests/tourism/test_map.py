"""The map: GeoJSON (RFC 7946), the list without JavaScript, and vendored Leaflet."""

import json
from pathlib import Path

import jsonschema
from django.contrib.staticfiles import finders

from tourism.models import AttractionPage, EventPage, PlacePage

# The parts of RFC 7946 our data uses: a FeatureCollection of Point features.
GEOJSON_SCHEMA = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "geometry", "properties"],
                "properties": {
                    "type": {"const": "Feature"},
                    "geometry": {
                        "type": "object",
                        "required": ["type", "coordinates"],
                        "properties": {
                            "type": {"const": "Point"},
                            "coordinates": {
                                "type": "array",
                                "minItems": 2,
                                "maxItems": 3,
                                "prefixItems": [
                                    {"type": "number", "minimum": -180, "maximum": 180},
                                    {"type": "number", "minimum": -90, "maximum": 90},
                                ],
                            },
                        },
                    },
                    "properties": {"type": ["object", "null"]},
                },
            },
        },
    },
}


def test_geojson_is_valid_rfc_7946_with_longitude_first(client, tourism):
    response = client.get("/en/map/data.geojson")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    data = json.loads(response.content)
    jsonschema.validate(data, GEOJSON_SCHEMA)
    citadel = next(f for f in data["features"] if f["properties"]["name"] == "Citadel of the Hồ Dynasty")
    assert citadel["geometry"]["coordinates"] == [105.60472, 20.07806]  # [lon, lat], not [lat, lon]
    assert citadel["properties"]["url"] == "/en/travel/citadel-of-the-ho-dynasty/"
    assert citadel["properties"]["kind"] == "attraction"
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert 104 < lon < 107 and 19 < lat < 21  # Thanh Hóa


def test_geojson_lists_every_listing_with_coordinates_in_the_language(client, tourism):
    data = json.loads(client.get("/vi/map/data.geojson").content)
    expected = sum(
        model.objects.live().filter(locale=tourism["vi"], latitude__isnull=False).count()
        for model in (AttractionPage, PlacePage, EventPage)
    )
    tourism_features = [f for f in data["features"] if f["properties"]["kind"] != "producer"]
    assert len(tourism_features) == expected
    assert {f["properties"]["kind"] for f in tourism_features} == {"attraction", "stay", "eat", "tours", "event"}


def test_map_page_lists_the_same_data_without_javascript(client, tourism):
    html = client.get("/vi/map/").content.decode()
    for title in AttractionPage.objects.live().filter(locale=tourism["vi"]).values_list("title", flat=True):
        assert title.replace("'", "&#x27;") in html
    assert 'id="map"' in html and "hidden" in html  # the map only appears once the script runs


def test_map_kind_filter_works_without_javascript(client, tourism):
    html = client.get("/en/map/?kind=eat").content.decode()
    assert "Trường Thi bánh khoái street" in html
    assert "Citadel of the Hồ Dynasty" not in html


def test_leaflet_is_vendored_not_loaded_from_a_cdn(client, tourism):
    html = client.get("/en/map/").content.decode()
    assert "/static/tourism/leaflet/leaflet.js" in html
    assert "unpkg.com" not in html and "cdn" not in html.lower()
    assert finders.find("tourism/leaflet/leaflet.js")
    assert "BSD" in Path(finders.find("tourism/leaflet/LICENSE")).read_text(encoding="utf-8")
