from django import forms
from django.utils.translation import gettext_lazy as _

from ..reviews.forms import ReviewPhotosField
from .models import MAX_TEXT, Answer, CaseKind, Reason


class CaseForm(forms.Form):
    """The buyer's complaint or return request; `lines`: the order's lines that may have one."""

    line = forms.TypedChoiceField(label=_("Which item?"), coerce=int)
    kind = forms.ChoiceField(
        label=_("What do you ask for?"), choices=CaseKind.choices, widget=forms.RadioSelect, initial=CaseKind.COMPLAINT
    )
    reason = forms.ChoiceField(label=_("Reason"), choices=[("", "—"), *Reason.choices])
    description = forms.CharField(
        label=_("What happened?"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The business and, if needed, the exchange's moderators read this."),
    )
    photos = ReviewPhotosField(label=_("Photos"), help_text=_("Up to 3 photos (JPEG, PNG or WebP)."))

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].choices = [
            (line.pk, f"{line.display_title} — {line.display_variant_name} × {line.quantity}") for line in lines
        ]
        self.fields["line"].widget = forms.RadioSelect(choices=self.fields["line"].choices)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == Reason.CHANGED_MIND and cleaned.get("kind") != CaseKind.RETURN:
            self.add_error("reason", _("Changing your mind is a reason to return an item, not a complaint."))
        return cleaned


class DisputeForm(forms.Form):
    text = forms.CharField(
        label=_("Why do you disagree?"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Your answer"), choices=Answer.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Your message to the buyer"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you reject: say why. The moderators read it if the buyer disputes."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answer") == Answer.REJECT and not (cleaned.get("text") or "").strip():
            self.add_error("text", _("Say why you reject the request."))
        return cleaned


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=Answer.choices, widget=forms.RadioSelect)
    amount = forms.IntegerField(
        label=_("Refund (đồng)"),
        required=False,
        min_value=1,
        help_text=_("Leave empty to refund the item in full; a smaller amount is a partial refund."),
    )
    reason = forms.CharField(
        label=_("Reason for the decision"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Both sides receive it by e-mail."),
    )
