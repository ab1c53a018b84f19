"""URLs of the tourism app, included at the language root (/vi/…, /en/…)."""

from django.urls import path, re_path

from . import trip_views, views

app_name = "tourism"
PAGE_PATH = r"(?P<page_path>(?:[\w\-]+/)+)"  # a page's path below the language's home page

urlpatterns = [
    path("map/", views.map_view, name="map"),
    path("map/data.geojson", views.map_data, name="map_data"),
    path("festivals/", views.events_view, name="events"),
    path("trip/", trip_views.trip_view, name="trip"),
    path("trip.ics", trip_views.trip_ics, name="trip_ics"),
    path("trip.gpx", trip_views.trip_gpx, name="trip_gpx"),
    re_path(rf"^{PAGE_PATH}calendar\.ics$", trip_views.event_ics, name="event_ics"),
    re_path(rf"^{PAGE_PATH}itinerary\.gpx$", trip_views.itinerary_gpx, name="itinerary_gpx"),
]
