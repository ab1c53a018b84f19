"""Traceability paths: no language prefix, so that a printed QR code keeps working in any language."""

from django.urls import path, re_path

from . import views

app_name = "traceability"

CODE = r"(?P<code>[A-Za-z0-9_-]{1,24})"

urlpatterns = [
    re_path(r"^01(?:/(?P<rest>.*))?$", views.digital_link, name="digital_link"),
    re_path(rf"^t/{CODE}\.(?P<fmt>svg|png)$", views.qr_image, name="qr"),
    re_path(rf"^t/{CODE}/labels\.pdf$", views.label_sheet, name="labels"),
    re_path(rf"^t/{CODE}$", views.short_link, name="short"),
    re_path(rf"^t/{CODE}/report/$", views.report_problem, name="report"),
    re_path(rf"^t/{CODE}/chain\.json$", views.chain_json, name="chain"),
    path(".well-known/gs1resolver", views.gs1resolver, name="gs1resolver"),
    path("api/epcis/capture", views.epcis_capture, name="epcis_capture"),
    path("api/epcis/events", views.epcis_events, name="epcis_events"),
    path("api/epcis/events/<path:event_id>", views.epcis_event, name="epcis_event"),
]
