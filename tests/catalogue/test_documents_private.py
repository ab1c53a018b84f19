"""A business's documents and images are private to it and the moderators: the admin API,
/documents/<id>/<file> and the public /api/v2/images/ show them to no one else, except a
document on a live certificate and an image a live page shows."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission

from catalogue.models import ProducerCertificate

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% test document\n"


def _collection(user):
    return GroupCollectionPermission.objects.filter(group__in=user.groups.all()).first().collection


def _document(collection, title):
    return get_document_model().objects.create(
        title=title, file=ContentFile(PDF, name=f"{title}.pdf"), collection=collection
    )


def _image(collection, title):
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), (200, 40, 40)).save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=f"{title}.png"), collection=collection
    )


def _serve(client, document):
    # (A 404 outside the language prefixes may be redirected to /vi/…, itself a 404.)
    return client.get(document.url, follow=True)


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture(autouse=True)
def files_on_disk(settings, tmp_path):
    """Documents are served from files (the test settings keep uploads in memory)."""
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
    }


@pytest.fixture
def documents(businesses):
    (user_a, producer_a, _), (user_b, _, _) = businesses
    return _document(_collection(user_a), "giay-phep-a"), _document(_collection(user_b), "giay-phep-b")


def test_admin_documents_api_lists_only_the_business_own_documents(client, businesses, documents):
    client.force_login(businesses[0][0])
    response = client.get("/admin/api/main/documents/")
    assert response.status_code == 200
    titles = {item["title"] for item in response.json()["items"]}
    assert "giay-phep-a" in titles and "giay-phep-b" not in titles


def test_another_business_and_anonymous_visitors_cannot_open_a_business_document(client, businesses, documents):
    own, others = documents
    assert _serve(client, own).status_code == 404  # anonymous
    client.force_login(businesses[1][0])
    response = _serve(client, own)
    assert response.status_code == 404 and PDF not in _body(response)
    assert _body(_serve(client, others)) == PDF  # its own


def test_moderator_opens_any_business_document(client, moderator, documents):
    client.force_login(moderator)
    assert all(_body(_serve(client, document)) == PDF for document in documents)


def test_document_on_a_live_certificate_is_public(client, businesses, documents):
    own, _ = documents
    producer = businesses[0][1]
    ProducerCertificate.objects.create(page=producer, kind="vietgap", name="VietGAP", document=own)
    assert producer.live
    assert _body(_serve(client, own)) == PDF


def test_public_images_api_lists_no_unpublished_business_upload(client, businesses):
    user_a, producer_a, _ = businesses[0]
    private = _image(_collection(user_a), "anh-chua-dang")
    shown = _image(_collection(user_a), "logo-a")
    province = _image(Collection.get_first_root_node(), "anh-tinh")
    producer_a.logo = shown
    producer_a.save_revision().publish()
    response = client.get("/api/v2/images/", {"limit": 50})
    assert response.status_code == 200
    titles = {item["title"] for item in response.json()["items"]}
    assert private.title not in titles
    assert {shown.title, province.title} <= titles


def test_migration_moves_certificate_documents_into_their_business_collection(businesses):
    from importlib import import_module

    from django.apps import apps

    user_a, producer_a, _ = businesses[0]
    shared = _document(Collection.get_first_root_node(), "chung-nhan-cu")
    ProducerCertificate.objects.create(page=producer_a, kind="vietgap", document=shared)
    untouched = _document(Collection.get_first_root_node(), "tai-lieu-tinh")

    migration = import_module("catalogue.migrations.0003_business_documents_in_their_collections")
    migration.move_into_business_collections(apps, None)

    shared.refresh_from_db()
    untouched.refresh_from_db()
    assert shared.collection == _collection(user_a)
    assert untouched.collection == Collection.get_first_root_node()
