from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.uploads import CheckedImageField

from .models import MAX_PHOTOS, MAX_TEXT


class PhotosInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ReviewPhotosField(forms.Field):
    """Up to MAX_PHOTOS photos in one input, each checked as Wagtail checks an upload
    (extension, size, content that Pillow can decode, the 40-megapixel cap)."""

    widget = PhotosInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/webp")
        self.single = CheckedImageField(required=False)

    def to_python(self, data):
        files = [f for f in (data or []) if f]
        if len(files) > MAX_PHOTOS:
            raise ValidationError(_("Add at most %(n)s photos.") % {"n": MAX_PHOTOS}, code="too_many_photos")
        return [self.single.clean(f) for f in files]


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Your rating"),
        coerce=int,
        choices=[(n, n) for n in (1, 2, 3, 4, 5)],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose from 1 to 5 stars.")},
    )
    text = forms.CharField(
        label=_("Your review"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What did you like or not like? Shown with your given name."),
    )
    photos = ReviewPhotosField(label=_("Photos"), help_text=_("Up to 3 photos (JPEG, PNG or WebP)."))


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown under the review on the product page. You can answer once."),
    )
