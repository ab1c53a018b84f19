"""The consent boxes of the site's forms (sign-up, checkout, the board's post form): one required
box accepting the policies, linked to their pages, and for checkout a separate optional box for
news by e-mail. Never ticked in advance: a consent is something the person does."""

from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from portal.policies import PolicyKind, policy_url

from .consents import record_consent
from .models import Purpose

ACCEPT_FIELD = "accept_policies"
MARKETING_FIELD = "marketing_email"


def _policy_name(kind: str) -> str:
    return {
        PolicyKind.PRIVACY: _("the privacy policy"),
        PolicyKind.TERMS_OF_SALE: _("the terms of sale"),
        PolicyKind.OPERATING_RULES: _("the operating rules"),
    }.get(kind, PolicyKind(kind).label)


def acceptance_label(kinds, language: str | None = None):
    """ "I accept the terms of sale and the privacy policy", each name linking to its page."""
    links = []
    for kind in kinds:
        url = policy_url(kind, language)
        name = _policy_name(kind)
        links.append(format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, name) if url else name)
    separator = f" {conditional_escape(_('and'))} "
    joined = mark_safe(separator.join(conditional_escape(link) for link in links))  # each part escaped
    return format_html(_("I accept {policies}"), policies=joined)


def add_consent_fields(form: forms.Form, kinds, *, marketing: bool = False, language: str | None = None) -> None:
    """Add the unticked boxes to `form`: accepting `kinds` (required), and news by e-mail (optional)."""
    form.fields[ACCEPT_FIELD] = forms.BooleanField(
        label=acceptance_label(kinds, language),
        required=True,
        initial=False,
        error_messages={"required": _("Please accept the policies to continue.")},
    )
    if marketing:
        form.fields[MARKETING_FIELD] = forms.BooleanField(
            label=_("Send me news and offers by e-mail (optional)"), required=False, initial=False
        )
    form.consent_kinds = tuple(kinds)


def record_form_consents(form: forms.Form, *, purpose: str, channel: str, request, user=None, order=None) -> None:
    """Record what the person ticked in `form` (after it validated): one consent per accepted
    policy for `purpose`, and news by e-mail when that box was ticked."""
    if not form.cleaned_data.get(ACCEPT_FIELD):
        return
    for kind in form.consent_kinds:
        record_consent(user=user, order=order, purpose=purpose, channel=channel, policy_kind=kind, request=request)
    if form.cleaned_data.get(MARKETING_FIELD):
        record_consent(user=user, order=order, purpose=Purpose.MARKETING_EMAIL, channel=channel, request=request)
