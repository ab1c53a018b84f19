"""Moderators' list of reviews in the Wagtail admin: read them, hide one with the reason, show it again."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Review


class ReviewModerationForm(WagtailAdminModelForm):
    class Meta:
        model = Review
        fields = ["is_hidden", "hidden_reason"]
        labels = {"is_hidden": _("Hide this review from the product page")}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_hidden") and not (cleaned.get("hidden_reason") or "").strip():
            self.add_error("hidden_reason", forms.ValidationError(_("Say why the review is hidden."), code="required"))
        return cleaned

    def save(self, commit=True):
        review = super().save(commit=False)
        if "is_hidden" in self.changed_data:
            hidden = review.is_hidden
            review.hidden_at = timezone.now() if hidden else None
            review.hidden_by = self.for_user if hidden else None
        if commit:
            review.save()  # orders.apps: the product's pages are dropped from the caches
        return review


class ReviewViewSet(ModelViewSet):
    model = Review
    icon = "comment"
    menu_label = _("Reviews")
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["product_title", "rating", "author_name", "text", "created_at", "is_hidden"]
    list_filter = ["is_hidden", "rating"]
    search_fields = ["product_title", "text", "author_name"]
    inspect_view_fields = [
        "product_title",
        "producer",
        "rating",
        "text",
        "author_name",
        "created_at",
        "answer",
        "answered_at",
        "is_hidden",
        "hidden_reason",
        "hidden_at",
    ]

    def get_form_class(self, for_update=False):
        return ReviewModerationForm
