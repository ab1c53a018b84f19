"""The workspace's batches and events: a batch with a proposed lot, events once per key, photos, refusals."""

import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from traceability.models import Batch, Location, TraceEvent
from traceability.seller_models import EventSubmission
from traceability.seller_services import record_workspace_event

from .fulfilment_data import batch_of, food_product

pytestmark = pytest.mark.django_db


def _form_key(client, url) -> str:
    body = client.get(url).content.decode()
    return re.search(r'name="key" value="([^"]+)"', body).group(1)


def _jpeg() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="JPEG")
    return SimpleUploadedFile("lab.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_batch_is_recorded_with_a_proposed_lot_and_expiry_from_shelf_life(seller_client, seller):
    product = food_product(seller)
    pack = product.variants.order_by("sort_order").last()
    form = seller_client.get("/vi/seller/batches/new/").content.decode()
    assert 'type="date"' in form and "Gói 2" in form
    response = seller_client.post(
        "/vi/seller/batches/new/",
        {"pack": pack.pk, "production_date": "2026-11-30", "quantity": "120", "unit": "l", "new_place": "Xưởng ủ"},
    )
    assert response.status_code == 302
    batch = Batch.objects.get(product=product)
    assert batch.lot_number == "261130-1" and batch.variant == pack and batch.gtin == pack.gtin
    assert batch.expiry_date == datetime.date(2026, 11, 30) + datetime.timedelta(days=365)
    assert batch.origin.name == "Xưởng ủ" and batch.origin.producer == seller[1]
    assert response["Location"] == f"/vi/seller/batches/{batch.pk}/"
    # The next batch made that day gets the next lot number.
    assert batch_of(seller, product, made=datetime.date(2026, 11, 30)).lot_number == "261130-2"


def test_batch_of_another_business_product_is_refused(seller_client, other_seller):
    theirs = food_product(other_seller, title="Nước mắm B")
    response = seller_client.post(
        "/vi/seller/batches/new/",
        {
            "pack": theirs.variants.first().pk,
            "production_date": "2026-11-30",
            "quantity": "1",
            "unit": "l",
            "new_place": "X",
        },
    )
    assert response.status_code == 400
    assert not Batch.objects.exists() and not Location.objects.exists()


def test_batch_pages_of_another_business_are_404_and_logged(seller_client, other_seller, caplog):
    theirs = batch_of(other_seller, food_product(other_seller, title="Nước mắm B"))
    with caplog.at_level("WARNING", logger="xuthanh.security"):
        for url in (
            f"/vi/seller/batches/{theirs.pk}/",
            f"/vi/seller/batches/{theirs.pk}/events/new/?activity=harvesting",
            f"/vi/seller/batches/{theirs.pk}/labels-50x30.pdf",
        ):
            assert seller_client.get(url).status_code == 404
    assert sum("batch of another business" in r.getMessage() for r in caplog.records) == 3


def test_event_sent_twice_with_its_key_is_stored_once(seller_client, seller):
    batch = batch_of(seller, food_product(seller))
    url = f"/vi/seller/batches/{batch.pk}/events/new/?activity=harvesting"
    key = _form_key(seller_client, url)
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    data = {"key": key, "activity": "harvesting", "event_time": now, "quantity": "50", "description": "Thu hoạch"}
    first = seller_client.post(url, data)
    second = seller_client.post(url, data)  # the outbox resending after a dropped connection
    assert first.status_code == second.status_code == 302
    assert TraceEvent.objects.filter(batch=batch).count() == 1
    assert EventSubmission.objects.get(key=key).event.activity == "harvesting"
    detail = seller_client.get(first["Location"]).content.decode()
    assert "Thu hoạch" in detail
    # A fresh rendering of the form gets a fresh key: a second harvest is another event.
    assert _form_key(seller_client, url) != key


def test_spraying_needs_the_product_and_its_dose(seller_client, seller):
    batch = batch_of(seller, food_product(seller))
    url = f"/vi/seller/batches/{batch.pk}/events/new/?activity=spraying"
    key = _form_key(seller_client, url)
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = seller_client.post(url, {"key": key, "activity": "spraying", "event_time": now})
    assert response.status_code == 400 and not TraceEvent.objects.exists()
    response = seller_client.post(
        url, {"key": key, "activity": "spraying", "event_time": now, "input_product": "Trichoderma", "dose": "2 kg/ha"}
    )
    assert response.status_code == 302
    event = TraceEvent.objects.get()
    assert (event.input_product, event.dose, event.biz_step) == ("Trichoderma", "2 kg/ha", "spraying")


def test_inspection_with_a_lab_photo_goes_to_the_business_collection(seller_client, seller):
    batch = batch_of(seller, food_product(seller))
    url = f"/vi/seller/batches/{batch.pk}/events/new/?activity=inspecting"
    form = seller_client.get(url).content.decode()
    assert 'accept="image/*"' in form and "capture" in form
    key = _form_key(seller_client, url)
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = seller_client.post(url, {"key": key, "activity": "inspecting", "event_time": now, "photo": _jpeg()})
    assert response.status_code == 302
    attachment = TraceEvent.objects.get().attachments.get()
    assert attachment.image.collection.name.endswith("(htx-a)")
    intact, _broken = batch.verify_chain()
    assert intact


def test_event_refusals_write_nothing(seller_client, seller):
    batch = batch_of(seller, food_product(seller))
    url = f"/vi/seller/batches/{batch.pk}/events/new/"
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    future = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    assert seller_client.post(url, {"key": "x" * 32, "activity": "harvesting", "event_time": future}).status_code == 400
    assert seller_client.post(url, {"key": "short", "activity": "harvesting", "event_time": now}).status_code == 400
    # An unknown activity is not a template: back to the batch, nothing stored.
    assert seller_client.post(url, {"key": "y" * 32, "activity": "recalling", "event_time": now}).status_code == 302
    assert not TraceEvent.objects.exists() and not EventSubmission.objects.exists()


def test_a_key_used_on_one_batch_is_refused_on_another(seller):
    product = food_product(seller)
    first, second = batch_of(seller, product), batch_of(seller, product)
    record_workspace_event(first, key="k" * 32, activity="storing", user=seller[0])
    with pytest.raises(ValidationError):
        record_workspace_event(second, key="k" * 32, activity="storing", user=seller[0])
    assert not second.events.exists()


def test_batch_page_shows_the_timeline_qr_templates_and_labels(seller_client, seller):
    batch = batch_of(seller, food_product(seller))
    record_workspace_event(batch, key="p" * 32, activity="packing", user=seller[0], description="Đóng chai")
    body = seller_client.get(f"/vi/seller/batches/{batch.pk}/").content.decode()
    assert "Đóng chai" in body and batch.get_digital_link() in body
    assert f"/t/{batch.public_code}.svg" in body
    for activity in (
        "planting",
        "fertilising",
        "spraying",
        "harvesting",
        "processing",
        "packing",
        "inspecting",
        "storing",
        "shipping",
        "receiving",
    ):
        assert f"?activity={activity}" in body
    for size in ("a4", "50x30", "40x30"):
        assert f"/labels-{size}.pdf" in body
    listing = seller_client.get("/vi/seller/batches/").content.decode()
    assert batch.lot_number in listing


def test_installable_app_manifest_and_service_worker_scope(seller_client, client):
    manifest = client.get("/vi/seller/manifest.webmanifest")
    assert manifest.status_code == 200 and manifest["Content-Type"] == "application/manifest+json"
    data = manifest.json()
    assert data["start_url"] == data["scope"] == "/vi/seller/" and data["display"] == "standalone"
    worker = client.get("/vi/seller/sw.js")
    assert worker.status_code == 200 and worker["Content-Type"].startswith("text/javascript")
    assert worker["Service-Worker-Allowed"] == "/vi/seller/"
    offline = client.get("/vi/seller/offline/")
    assert offline.status_code == 200 and "Không có kết nối" in offline.content.decode()
    page = seller_client.get("/vi/seller/batches/").content.decode()
    assert 'rel="manifest"' in page and "seller/install.js" in page


def test_an_oversized_event_photo_is_a_400_and_nothing_is_stored(seller_client, seller):
    from tests.portal.test_image_uploads import blank_png

    batch = batch_of(seller, food_product(seller))
    url = f"/vi/seller/batches/{batch.pk}/events/new/?activity=inspecting"
    key = _form_key(seller_client, url)
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    photo = SimpleUploadedFile("lab.png", blank_png(11_000, 11_000), content_type="image/png")
    response = seller_client.post(url, {"key": key, "activity": "inspecting", "event_time": now, "photo": photo})
    assert response.status_code == 400
    assert not TraceEvent.objects.exists()
