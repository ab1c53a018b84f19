"""The account's pages: orders and their timeline, saved addresses, favourites. Thin: services do the work."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Page

from orders.codes import format_code, normalise_code
from orders.localisation import localise_order_lines

from . import services
from .forms import AddressForm
from .models import Address, Favourite

account_required = login_required(login_url="account_login")


@account_required
@never_cache
def home(request):
    user = request.user
    context = {
        "orders": services.orders_of(user)[:50],
        "addresses": Address.objects.of(user),
        "favourites": services.favourites_of(user)[:6],
        "phone": services.phone_of(user),
    }
    return render(request, "accounts/home.html", context)


@account_required
@never_cache
def order_detail(request, code):
    order = services.order_of(request.user, normalise_code(code))
    if order is None:  # someone else's order, or none: the same answer
        raise Http404(_("No order has this code."))
    lines = localise_order_lines(order.lines.select_related("producer", "batch").order_by("producer__title", "pk"))
    context = {
        "order": order,
        "code_display": format_code(order.code),
        "lines": lines,
        "timeline": services.order_timeline(order, lines),
    }
    return render(request, "accounts/order_detail.html", context)


@account_required
@never_cache
def addresses(request):
    return render(request, "accounts/addresses.html", {"addresses": Address.objects.of(request.user)})


@account_required
@never_cache
@require_http_methods(["GET", "POST"])
def address_edit(request, pk=None):
    address = get_object_or_404(Address, pk=pk, user=request.user) if pk else Address(user=request.user)
    if request.method == "POST" and "change_province" in request.POST:
        # Two steps without JavaScript: show the wards of the province just chosen.
        data = request.POST.copy()
        data.pop("ward_code", None)
        form = AddressForm(initial=data.dict(), instance=address)
    elif request.method == "POST":
        form = AddressForm(request.POST, instance=address)
        if form.is_valid():
            services.save_address(form.save(commit=False))
            messages.success(request, _("The address is saved."))
            return redirect("accounts:addresses")
    else:
        form = AddressForm(instance=address)
    return render(request, "accounts/address_form.html", {"form": form, "address": address})


@account_required
@require_POST
def address_delete(request, pk):
    services.delete_address(get_object_or_404(Address, pk=pk, user=request.user))
    messages.success(request, _("The address is deleted."))
    return redirect("accounts:addresses")


@account_required
@never_cache
def favourites(request):
    return render(request, "accounts/favourites.html", {"pages": services.favourites_of(request.user)})


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def favourite_save(request):
    """The Save button without JavaScript (pages come from the cache and carry no CSRF token):
    a GET asks to sign in, then to confirm; the confirmation POSTs and saves or removes."""
    data = request.POST if request.method == "POST" else request.GET
    try:
        page = services.favourite_pages().get(pk=int(data.get("page", "")))
    except (ValueError, TypeError, Page.DoesNotExist):
        raise Http404(_("This page cannot be saved.")) from None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), "account_login")
    if request.method == "POST":
        saved = services.toggle_favourite(request.user, page.specific)
        messages.success(request, _("Saved to your favourites.") if saved else _("Removed from your favourites."))
        target = data.get("next", "")
        if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
            return redirect(target)
        return redirect("accounts:favourites")
    saved = Favourite.objects.filter(user=request.user, page=page).exists()
    return render(request, "accounts/favourite_confirm.html", {"page": page.specific, "saved": saved, "next": page.url})


@require_GET
@never_cache
def favourites_state(request):
    """For the Save buttons' script: whether someone is signed in, their saved page ids, and a CSRF token.

    Signed out, no token: the script keeps the list in the browser, and a CSRF cookie would take
    every later page of the visitor out of the response cache."""
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False, "ids": []})
    ids = list(Favourite.objects.filter(user=request.user).values_list("page_id", flat=True))
    return JsonResponse({"signed_in": True, "ids": ids, "csrf": get_token(request)})


@require_POST
@never_cache
def favourites_sync(request):
    """The script's POST: {"add": [ids], "toggle": id}. Moves the browser's list into the account."""
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False}, status=403)
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return HttpResponseBadRequest("invalid JSON")
    if not isinstance(body, dict) or not isinstance(body.get("add", []), list):
        return HttpResponseBadRequest("expected {'add': [...]}")
    added = services.merge_favourites(request.user, body.get("add", []))
    saved = None
    if body.get("toggle") is not None:
        try:
            page = services.favourite_pages().get(pk=int(body["toggle"]))
        except (ValueError, TypeError, Page.DoesNotExist):
            return HttpResponseBadRequest("unknown page")
        saved = services.toggle_favourite(request.user, page)
    ids = list(Favourite.objects.filter(user=request.user).values_list("page_id", flat=True))
    return JsonResponse({"signed_in": True, "added": added, "saved": saved, "ids": ids})
