"""The "my data" page (/<lang>/account/data/): download, consents and their withdrawal, deletion.
Thin: accounts.data_rights and accounts.consents do the work."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal.ratelimit import rate_limited

from . import consents, data_rights
from .data_forms import DeleteAccountForm, WithdrawConsentForm, issue_delete_code
from .models import WITHDRAWABLE_PURPOSES, Channel, Consent, DataRequestKind, Purpose

account_required = login_required(login_url="account_login")


def _page(request, delete_form=None, status=200):
    user = request.user
    records = list(Consent.objects.of_user(user).select_related("order", "policy_version__page").order_by("-given_at"))
    active = {c.purpose for c in records if c.withdrawn_at is None}
    context = {
        "consents": records,
        "withdrawable": [p for p in WITHDRAWABLE_PURPOSES if p in active],
        "may_opt_in": [p for p in WITHDRAWABLE_PURPOSES if p not in active],
        "delete_form": delete_form or DeleteAccountForm(user=user, session=request.session),
        "has_password": user.has_usable_password(),
    }
    return render(request, "accounts/data.html", context, status=status)


@account_required
@never_cache
def data_page(request):
    return _page(request)


@account_required
@never_cache
@require_POST
def data_download(request):
    user = request.user
    email, phone = data_rights.contact_of(user)
    with transaction.atomic():
        data = data_rights.export_personal_data(user)
        entry = data_rights.register_request(user, DataRequestKind.DOWNLOAD)
        data_rights.acknowledge_request(entry, language=request.LANGUAGE_CODE, email=email, phone=phone)
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json")
    filename = f"xu-thanh-my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@account_required
@require_POST
def consent_withdraw(request):
    form = WithdrawConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a consent to withdraw."))
        return redirect("accounts:data")
    user = request.user
    purpose = form.cleaned_data["purpose"]
    email, phone = data_rights.contact_of(user)
    with transaction.atomic():
        if consents.withdraw_consent(user, purpose):
            entry = data_rights.register_request(user, DataRequestKind.WITHDRAW, purpose=purpose)
            data_rights.acknowledge_request(entry, language=request.LANGUAGE_CODE, email=email, phone=phone)
    messages.success(request, _("Withdrawn: %(purpose)s.") % {"purpose": Purpose(purpose).label})
    return redirect("accounts:data")


@account_required
@require_POST
def consent_give(request):
    form = WithdrawConsentForm(request.POST)
    if form.is_valid() and not consents.has_consent(request.user, form.cleaned_data["purpose"]):
        consents.record_consent(
            user=request.user, purpose=form.cleaned_data["purpose"], channel=Channel.ACCOUNT_PAGE, request=request
        )
        messages.success(request, _("Thank you: your choice is saved."))
    return redirect("accounts:data")


@account_required
@require_POST
@rate_limited("account_delete_code", limit=5, window_seconds=3600, by_user=True)
def delete_code(request):
    """Send a code that confirms the deletion, to the account's e-mail or else its phone."""
    email, phone = data_rights.contact_of(request.user)
    if not (email or phone):
        messages.error(request, _("Your account has no e-mail or phone to send a code to."))
        return redirect("accounts:data")
    code = issue_delete_code(request.session)
    data_rights.send_delete_code(code, language=request.LANGUAGE_CODE, email=email, phone=phone)
    messages.success(request, _("We sent you a code. Enter it below to delete your account."))
    return redirect("accounts:data")


@account_required
@never_cache
@require_POST
@rate_limited("account_delete", limit=10, window_seconds=3600, by_user=True)
def delete(request):
    user = request.user
    form = DeleteAccountForm(request.POST, user=user, session=request.session)
    if not form.is_valid():
        return _page(request, delete_form=form, status=400)
    language = request.LANGUAGE_CODE
    email, phone = data_rights.contact_of(user)  # read before they are erased
    with transaction.atomic():
        entry = data_rights.register_request(user, DataRequestKind.DELETE)
        data_rights.delete_account(user)
        data_rights.acknowledge_request(entry, language=language, email=email, phone=phone)
    logout(request)
    return redirect("accounts:data_deleted")


@never_cache
def deleted(request):
    """Where a deletion ends: signed out, told what happened (no account needed)."""
    return render(request, "accounts/data_deleted.html")
