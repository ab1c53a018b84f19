"""Forms of the "my data" page: confirming the deletion of the account (password or a code sent to
the account's e-mail or phone), and choosing a consent to withdraw."""

import hashlib
import secrets
from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

from .models import WITHDRAWABLE_PURPOSES, Purpose

DELETE_CODE_SESSION_KEY = "accounts_delete_code"
DELETE_CODE_MINUTES = 15


def _digest(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def issue_delete_code(session) -> str:
    """A new six-digit code for confirming the deletion, kept (hashed) in the session for 15 minutes."""
    code = f"{secrets.randbelow(1_000_000):06d}"
    expires = timezone.now() + timedelta(minutes=DELETE_CODE_MINUTES)
    session[DELETE_CODE_SESSION_KEY] = {"digest": _digest(code), "expires": expires.timestamp()}
    return code


def delete_code_matches(session, code: str) -> bool:
    issued = session.get(DELETE_CODE_SESSION_KEY) or {}
    if not issued or issued.get("expires", 0) < timezone.now().timestamp():
        return False
    return constant_time_compare(issued.get("digest", ""), _digest(code.strip()))


class DeleteAccountForm(forms.Form):
    """Deleting the account asks again who you are: your password, or (without one) the code we sent."""

    password = forms.CharField(
        label=_("Your password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label=_("The code we sent you"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
    understood = forms.BooleanField(
        label=_("I understand that my account and personal data are deleted and this cannot be undone."),
        required=True,
    )

    def __init__(self, *args, user, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.session = session
        # One way to confirm: the password when there is one, else a code we send.
        del self.fields["code" if user.has_usable_password() else "password"]

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password") or ""
        code = cleaned.get("code") or ""
        if password and self.user.check_password(password):
            return cleaned
        if code and delete_code_matches(self.session, code):
            return cleaned
        if password or code:
            raise ValidationError(_("That password or code is not right."), code="wrong_confirmation")
        raise ValidationError(_("Enter your password or the code we sent you."), code="confirmation_required")


class WithdrawConsentForm(forms.Form):
    purpose = forms.ChoiceField(choices=[(p.value, p.label) for p in Purpose if p in WITHDRAWABLE_PURPOSES])
