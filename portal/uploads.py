"""Uploads are checked by what they contain, not by their name.

Wagtail already refuses images that Willow cannot open and SVG is not an allowed image
extension; documents (certificates, lab reports) are checked here: the first bytes must
match the extension, and text files must really be text.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

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
