"""Uploads are checked by what they contain, not by their name.

Images: SVG is not an allowed image extension; an image whose header Willow recognises but
whose body Pillow cannot decode (a GIF header and junk) is a validation error, not a 500
(Wagtail's field lets Pillow's errors through); and images are capped at
WAGTAILIMAGES_MAX_IMAGE_PIXELS (a 121-megapixel PNG of 15 kB cost 5 s and 480 MB to render),
with Pillow's own decompression-bomb limit set to the same figure for every other path.
Documents (certificates, lab reports): the first bytes must match the extension, and text
files must really be text.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "xlsx": (b"PK\x03\x04",),
    "docx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
}
TEXT_EXTENSIONS = {"csv", "txt"}


def validate_document_content(uploaded) -> None:
    name = (getattr(uploaded, "name", "") or "").lower()
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    head = uploaded.read(4096)
    uploaded.seek(position)
    if extension in TEXT_EXTENSIONS:
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte character may be cut at the 4096th byte; anything else is not text.
            if error.start < len(head) - 4:
                raise ValidationError(_("This file is not plain UTF-8 text."), code="not_text") from error
            text = head[: error.start].decode("utf-8")
        if "\x00" in text or "<script" in text.lower():
            raise ValidationError(_("This file is not plain text."), code="not_text")
        return
    signatures = SIGNATURES.get(extension)
    if signatures is None or not head.startswith(signatures):
        raise ValidationError(
            _("The file's content does not match its extension (.%(extension)s).") % {"extension": extension},
            code="content_mismatch",
        )


class CheckedDocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and hasattr(uploaded, "read"):
            validate_document_content(uploaded)
        return uploaded


# --- images -------------------------------------------------------------------------------


def limit_image_decoding() -> None:
    """Pillow refuses (DecompressionBombError) images over twice this many pixels anywhere
    they are opened: renditions, Django's ImageField, our own code. Called at start-up."""
    PILImage.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS


def _too_many_pixels(pixels) -> ValidationError:
    return ValidationError(
        _("This image is too large (%(pixels)s megapixels). Upload one of at most %(max)s megapixels.")
        % {"pixels": pixels, "max": settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS // 1_000_000},
        code="file_too_many_pixels",
    )


def validate_image_pixels(uploaded) -> None:
    """For Django's forms.ImageField (which sets `.image` to the opened Pillow image)."""
    image = getattr(uploaded, "image", None)
    if image is not None:
        width, height = image.size
        if width * height > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
            raise _too_many_pixels(f"{width * height / 1_000_000:.0f}")


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, with what Pillow cannot decode turned into a validation error."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except ValidationError:
            raise
        except (OSError, SyntaxError, ValueError, EOFError, PILImage.DecompressionBombError) as error:
            # Willow knew the header (GIF, PNG…) but Pillow could not read what follows it.
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from error


class CheckedImageForm(BaseImageForm):
    """WAGTAILIMAGES_IMAGE_FORM_BASE: the admin's image forms (single and multiple upload)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            wagtail_field = self.fields["file"]
            self.fields["file"] = CheckedImageField(
                label=wagtail_field.label, required=wagtail_field.required, widget=wagtail_field.widget
            )
