import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.uploads import validate_document_content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("certificate.pdf", b"%PDF-1.7\n..."),
        ("lab.png", b"\x89PNG\r\n\x1a\n...."),
        ("report.xlsx", b"PK\x03\x04...."),
        ("prices.csv", "tên,giá\nnem chua,50000\n".encode()),
    ],
)
def test_documents_whose_content_matches_their_extension_are_accepted(name, content):
    validate_document_content(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("certificate.pdf", b"<html><script>alert(1)</script>"),
        ("lab.png", b"%PDF-1.4 pretending"),
        ("prices.csv", b"\x00\x01\x02binary\xff\xfe"),
        ("notes.txt", b"<script>alert(1)</script>"),
        ("evil.svg", b"<svg onload=alert(1)>"),
    ],
)
def test_documents_with_mismatched_content_are_refused(name, content):
    with pytest.raises(ValidationError):
        validate_document_content(SimpleUploadedFile(name, content))


@pytest.mark.django_db
def test_admin_document_upload_refuses_a_fake_pdf(admin_client):
    response = admin_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("fake.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")},
    )
    from wagtail.documents.models import Document

    assert Document.objects.count() == 0
    body = response.json()
    assert body["success"] is False
    assert "does not match" in str(body) or "không khớp" in str(body)


def test_reading_position_is_restored():
    upload = io.BytesIO(b"%PDF-1.7 rest")
    upload.name = "a.pdf"
    validate_document_content(upload)
    assert upload.read() == b"%PDF-1.7 rest"
