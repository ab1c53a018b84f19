"""URLs of the tourism app, included at the language root (/vi/…, /en/…)."""

from django.urls import path

from . import views

app_name = "tourism"
urlpatterns = [
    path("map/", views.map_view, name="map"),
    path("map/data.geojson", views.map_data, name="map_data"),
    path("festivals/", views.events_view, name="events"),
]
