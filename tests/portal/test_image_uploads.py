"""Image uploads (issue #24): a GIF header with a junk body is a validation error, not a 500;
images over 40 megapixels are refused at upload (a 121-megapixel PNG of 15 kB cost 5 s and
480 MB to render), and Pillow refuses to decode bombs wherever an image is opened."""

import struct
import zlib

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from portal.uploads import validate_image_pixels

GIF_WITH_JUNK = b"GIF89a" + b"junk" * 200


def blank_png(width: int, height: int) -> bytes:
    """A valid one-bit PNG of any size in a few kilobytes (its rows compress to nothing)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" * (1 + (width + 7) // 8)
    pixels = zlib.compress(row * height, 9)
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def png_121_megapixels():
    return blank_png(11_000, 11_000)


@pytest.mark.django_db
def test_a_gif_header_with_junk_is_refused_by_the_image_form(admin_client):
    response = admin_client.post(
        "/admin/images/add/", {"title": "x", "file": SimpleUploadedFile("anh.gif", GIF_WITH_JUNK)}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert get_image_model().objects.count() == 0


@pytest.mark.django_db
def test_a_gif_header_with_junk_is_refused_by_the_multiple_upload(admin_client):
    response = admin_client.post(
        "/admin/images/multiple/add/", {"files[]": SimpleUploadedFile("anh.gif", GIF_WITH_JUNK)}
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert get_image_model().objects.count() == 0


@pytest.mark.django_db
def test_an_image_of_121_megapixels_is_refused(admin_client, png_121_megapixels):
    assert len(png_121_megapixels) < 40_000
    response = admin_client.post(
        "/admin/images/multiple/add/", {"files[]": SimpleUploadedFile("to.png", png_121_megapixels)}
    )
    assert response.json()["success"] is False
    assert "pixel" in str(response.json()).lower()
    assert get_image_model().objects.count() == 0


@pytest.mark.django_db
def test_an_image_just_over_40_megapixels_is_refused_and_one_under_is_accepted(admin_client):
    over = admin_client.post(
        "/admin/images/multiple/add/", {"files[]": SimpleUploadedFile("over.png", blank_png(8_000, 5_001))}
    )
    assert over.json()["success"] is False
    under = admin_client.post(
        "/admin/images/multiple/add/", {"files[]": SimpleUploadedFile("under.png", blank_png(2_000, 1_500))}
    )
    assert under.json()["success"] is True
    assert get_image_model().objects.get().width == 2_000


def test_pillow_refuses_to_decode_what_the_upload_check_would_refuse():
    assert PILImage.MAX_IMAGE_PIXELS == 40_000_000


def test_the_board_photo_field_refuses_images_over_40_megapixels():
    field = forms.ImageField(validators=[validate_image_pixels])
    with pytest.raises(ValidationError) as refused:
        field.clean(SimpleUploadedFile("anh.png", blank_png(8_000, 6_000)))
    assert [e.code for e in refused.value.error_list] == ["file_too_many_pixels"]
    field.clean(SimpleUploadedFile("anh.png", blank_png(800, 600)))
