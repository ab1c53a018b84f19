"""Cart, checkout and order pages: parse input, call services, render."""

import logging

import stripe
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.consent_fields import record_form_consents
from accounts.models import Channel, Purpose
from accounts.services import address_initial
from catalogue.models import ProductVariant
from portal.places import province_choices, province_name
from portal.ratelimit import AttemptLimit, client_ip, rate_limited

from .cart import Cart
from .codes import format_code, normalise_code
from .delivery import local_today, parse_province, remember_province, remembered_province
from .forms import (
    CartQuantityForm,
    CheckoutForm,
    OrderLookupForm,
    PhoneCheckForm,
    delivery_field_name,
    new_checkout_token,
)
from .localisation import localise_order_lines, variant_label
from .models import Order, OrderStatus, PaymentMethod
from .payments import stripe_payments, vietqr
from .payments.banks import bank_name
from .services import CustomerDetails, OutOfStock, place_order

security_log = logging.getLogger("xuthanh.security")
ACCESS_KEY = "orders_access"


def _back(request, default: str):
    target = request.POST.get("next") or request.META.get("HTTP_REFERER") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect(default)


def _grant_access(request, order: Order) -> None:
    codes = request.session.get(ACCESS_KEY, [])
    if order.code not in codes:
        request.session[ACCESS_KEY] = (codes + [order.code])[-50:]


def _has_access(request, order: Order) -> bool:
    if order.code in request.session.get(ACCESS_KEY, []):
        return True
    return request.user.is_authenticated and order.user_id == request.user.pk


# Wrong phone numbers for an order (on its page or the lookup form), counted in the shared
# cache so that every app process sees the same count: 10 per order, 30 per address an hour.
PHONE_GUESSES = AttemptLimit("order-phone", 3600, code=10, ip=30)


def _too_many_guesses(request, code: str) -> bool:
    if PHONE_GUESSES.blocked(code=code, ip=client_ip(request)):
        security_log.warning("order %s: phone guesses refused from %s (limit reached)", code, client_ip(request))
        return True
    return False


def _count_wrong_guess(request, code: str, where: str) -> None:
    PHONE_GUESSES.record_failure(code=code, ip=client_ip(request))
    security_log.warning("order %s: wrong phone number on the %s from %s", code, where, client_ip(request))


def cart_view(request):
    """The cart by business, each with its delivery fee to the shopper's province (chosen here
    with `?province=`, or remembered), as checkout will count it by default."""
    cart = Cart(request)
    cart.note_count()
    province, error = remembered_province(request), ""
    if request.GET.get("province"):
        try:
            province = parse_province(request.GET["province"])
        except ValidationError as invalid:
            error = invalid.messages[0]
    groups = cart.groups(province)
    subtotal = sum(g.subtotal for g in groups)
    shipping = sum(g.shipping for g in groups)
    response = render(
        request,
        "orders/cart.html",
        {
            "groups": groups,
            "subtotal": subtotal,
            "shipping": shipping,
            "total": subtotal + shipping,
            "short_of_stock": any(not line.enough_stock for g in groups for line in g.lines),
            "undeliverable": any(g.undeliverable for g in groups),
            "province": province,
            "province_name": province_name(province),
            "provinces": province_choices(),
            "province_error": error,
            "cart_count": len(cart),
            "today": local_today(),
        },
        status=400 if error else 200,
    )
    if request.GET.get("province") and not error:
        remember_province(response, province)
    return response


def _quantity_form(request, data):
    form = CartQuantityForm(data)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return None, None
    variant = ProductVariant.objects.on_sale().filter(pk=form.cleaned_data["variant"]).select_related("product").first()
    if variant is None:
        messages.error(request, _("This item is no longer on sale."))
        return None, None
    return variant, form.cleaned_data["quantity"]


@require_GET
@never_cache
def csrf_token(request):
    """A CSRF token (and its cookie) for a form on a page from the response cache, which
    carries none: the product page's script asks for it when the shopper adds to the cart."""
    return JsonResponse({"token": get_token(request)})


def _wanted(request, data):
    """The variant and quantity asked for, or (None, None) with a message said."""
    variant, quantity = _quantity_form(request, data)
    if variant is None:
        return None, None
    quantity = 1 if quantity is None else quantity
    if quantity < 1:
        messages.error(request, _("Enter a quantity between 1 and 999."))
        return None, None
    return variant, quantity


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@rate_limited("cart_add", limit=120, window_seconds=60)
def cart_add(request):
    """POST (with a CSRF token) adds to the cart. The product page's form submits by GET when
    its script cannot run: that answers with the same form, with a token, to confirm."""
    if request.method != "POST":
        return _confirm_cart_add(request)
    variant, quantity = _wanted(request, request.POST)
    if variant is None:
        return _back(request, reverse("orders:cart"))
    if not variant.is_available:
        messages.error(request, _("Sorry, %(item)s is out of stock.") % {"item": variant_label(variant)})
        return _back(request, reverse("orders:cart"))
    cart = Cart(request)
    before = cart.items.get(str(variant.pk), 0)
    now = cart.add(variant, quantity)
    if now - before < quantity:
        messages.warning(
            request,
            _("Only %(stock)s of %(item)s are in stock; your cart now has %(count)s.")
            % {"stock": variant.stock, "item": variant_label(variant), "count": now},
        )
    else:
        messages.success(request, _("Added %(item)s to your cart.") % {"item": variant_label(variant)})
    return _back(request, reverse("orders:cart"))


def _confirm_cart_add(request):
    variant, quantity = _wanted(request, request.GET)
    if variant is None:
        return redirect("orders:cart")
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        next_url = ""
    context = {"variant": variant, "label": variant_label(variant), "quantity": quantity, "next": next_url}
    return render(request, "orders/cart_add.html", context)


@require_POST
def cart_update(request):
    variant, quantity = _quantity_form(request, request.POST)
    if variant is not None:
        cart = Cart(request)
        wanted = quantity or 0
        now = cart.set(variant, wanted)
        if now < wanted:
            messages.warning(
                request,
                _("Only %(stock)s of %(item)s are in stock.")
                % {"stock": variant.stock, "item": variant_label(variant)},
            )
        else:
            messages.success(request, _("Your cart has been updated."))
    return redirect("orders:cart")


@require_POST
def cart_remove(request):
    try:
        variant_id = int(request.POST.get("variant", ""))
    except ValueError:
        messages.error(request, _("This item is no longer on sale."))
        return redirect("orders:cart")
    Cart(request).remove(variant_id)
    messages.success(request, _("The item was removed from your cart."))
    return redirect("orders:cart")


@require_http_methods(["GET", "POST"])
@rate_limited("checkout", limit=30, window_seconds=600)
def checkout(request):
    cart = Cart(request)
    token = request.POST.get("token", "") if request.method == "POST" else ""
    if token and "change_province" not in request.POST:
        # A resubmission after the order went through (the cart is empty by now): show that order.
        placed = Order.objects.filter(idempotency_token=token).first()
        if placed is not None:
            _grant_access(request, placed)
            return redirect("orders:order_detail", code=placed.code)
    if not len(cart):
        messages.info(request, _("Your cart is empty."))
        return redirect("orders:cart")

    choices = {}
    if request.method == "POST" and "change_province" in request.POST:
        # Two-step address without JavaScript: show the wards (and deliveries) of the province just chosen.
        data = request.POST.copy()
        data.pop("ward", None)
        if data.get("change_province") == "address":  # "Use this address": a signed-in shopper's saved one
            data.update(address_initial(request.user, data.get("saved_address")))
        form = CheckoutForm(initial=data.dict(), province_code=_int(data.get("province")))
    elif request.method == "POST":
        form = CheckoutForm(request.POST)
        choices = form.submitted_delivery_choices()
    else:
        province = remembered_province(request)
        # A signed-in shopper's default saved address fills the form (accounts).
        initial = {"token": new_checkout_token(), "province": province, **address_initial(request.user)}
        form = CheckoutForm(initial=initial, province_code=initial["province"])
    # The same computation as the cart's (orders.delivery), with the shopper's choices.
    groups = cart.groups(form.province_code, choices)
    form.add_delivery_fields(groups)
    if request.method == "POST" and "change_province" not in request.POST and form.is_valid():
        return _place(request, cart, form)
    subtotal = sum(g.subtotal for g in groups)
    shipping = sum(g.shipping for g in groups)
    delivery_fields = [form[delivery_field_name(g.producer.pk)] for g in groups if g.producer is not None]
    return render(
        request,
        "orders/checkout.html",
        {
            "form": form,
            "groups": groups,
            "delivery_fields": delivery_fields,
            "subtotal": subtotal,
            "shipping": shipping,
            "total": subtotal + shipping,
        },
    )


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _place(request, cart: Cart, form: CheckoutForm):
    data = form.cleaned_data
    details = CustomerDetails(
        name=data["name"],
        phone=data["phone"],
        email=data["email"],
        province_code=data["province"],
        ward_code=data["ward"],
        street=data["street"],
        note=data["note"],
        payment_method=data["payment_method"],
        delivery=form.delivery_choices(),
        invoice=form.invoice_details(),
    )
    try:
        order, created = place_order(
            {int(k): v for k, v in cart.items.items()},
            details,
            data["token"],
            user=request.user,
            language=translation.get_language(),
        )
    except OutOfStock as error:
        variant = ProductVariant.objects.filter(pk=error.variant_id).select_related("product").first()
        if variant is None:  # deleted meanwhile: the cart drops it when it is next read
            messages.error(request, _("An item in your cart is no longer on sale."))
            return redirect("orders:cart")
        cart.set(variant, variant.stock)
        messages.error(
            request,
            _("Sorry, there is not enough stock left of %(item)s. We have updated your cart.")
            % {"item": variant_label(variant)},
        )
        return redirect("orders:cart")
    except ValidationError as error:
        if error.code == "variant_unavailable":
            cart.drop_unsaleable()
        for message in error.messages:
            messages.error(request, message)
        return redirect("orders:cart")
    _grant_access(request, order)
    if created:
        record_form_consents(
            form, purpose=Purpose.ORDER, channel=Channel.CHECKOUT, request=request, order=order, user=request.user
        )
        cart.clear()
        messages.success(
            request, _("Thank you! Your order %(code)s has been placed.") % {"code": format_code(order.code)}
        )
    return redirect("orders:order_detail", code=order.code)


@require_http_methods(["GET", "POST"])
def order_detail(request, code):
    normalised = normalise_code(code)
    if not normalised:  # only dashes or spaces: no order, and nothing to redirect to
        raise Http404(_("No order has this code."))
    if normalised != code:
        return redirect("orders:order_detail", code=normalised)
    order = Order.objects.filter(code=normalised).first()
    if order is None:
        raise Http404(_("No order has this code."))
    if not _has_access(request, order):
        form = PhoneCheckForm(request.POST or None)
        status = 200
        if request.method == "POST" and _too_many_guesses(request, order.code):
            form.is_valid()
            form.add_error(None, _("Too many wrong attempts for this order. Please try again in an hour."))
            status = 429
        elif request.method == "POST" and form.is_valid():
            if form.cleaned_data["phone"] == order.phone:
                _grant_access(request, order)
                return redirect("orders:order_detail", code=order.code)
            _count_wrong_guess(request, order.code, "order page")
            form.add_error("phone", _("This phone number does not match the order."))
        return render(request, "orders/order_unlock.html", {"form": form, "code": order.code}, status=status)

    context = {
        "order": order,
        "code_display": format_code(order.code),
        "lines": localise_order_lines(
            order.lines.select_related("producer", "batch").order_by("producer__title", "pk")
        ),
        "events": order.events.all(),
        "deliveries": order.deliveries.select_related("producer"),
    }
    if order.status == OrderStatus.AWAITING_PAYMENT and not order.is_paid:
        if order.payment_method == PaymentMethod.VIETQR:
            payload = vietqr.payload_for_order(order)
            context.update(
                vietqr_svg=vietqr.qr_svg(payload),
                vietqr_payload=payload,
                bank_bin=settings.VIETQR_BANK_BIN,
                bank_name=bank_name(settings.VIETQR_BANK_BIN),
                bank_account=settings.VIETQR_ACCOUNT_NUMBER,
                bank_account_name=settings.VIETQR_ACCOUNT_NAME,
            )
        elif order.payment_method == PaymentMethod.CARD and stripe_payments.is_enabled():
            try:
                intent = stripe_payments.ensure_intent(order)
                context.update(
                    stripe_client_secret=intent.client_secret,
                    stripe_publishable_key=settings.STRIPE_PUBLISHABLE_KEY,
                    stripe_js_url=settings.STRIPE_JS_URL,
                    stripe_return_url=request.build_absolute_uri(
                        reverse("orders_payments:stripe_return", kwargs={"code": order.code})
                    ),
                )
            except stripe.StripeError:
                logging.getLogger(__name__).exception("Stripe unavailable for order %s", order.code)
                context["stripe_unavailable"] = True
    return render(request, "orders/order_detail.html", context)


@require_GET
@never_cache
def order_vietqr_png(request, code):
    """The order's VietQR code as a PNG download, for whoever may open the order's page."""
    order = Order.objects.filter(code=normalise_code(code), payment_method=PaymentMethod.VIETQR).first()
    if order is None or not _has_access(request, order) or order.status != OrderStatus.AWAITING_PAYMENT:
        raise Http404(_("No order has this code."))
    response = HttpResponse(vietqr.qr_png(vietqr.payload_for_order(order)), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="vietqr-{order.code}.png"'
    return response


@require_http_methods(["GET", "POST"])
def order_lookup(request):
    form = OrderLookupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if _too_many_guesses(request, code):
            form.add_error(None, _("Too many wrong attempts for this order. Please try again in an hour."))
            return render(request, "orders/lookup.html", {"form": form}, status=429)
        order = Order.objects.filter(code=code, phone=form.cleaned_data["phone"]).first()
        if order is not None:
            _grant_access(request, order)
            return redirect("orders:order_detail", code=order.code)
        _count_wrong_guess(request, code, "lookup form")
        form.add_error(None, _("We found no order with this code and phone number."))
    return render(request, "orders/lookup.html", {"form": form})


def order_from_code(code: str) -> Order:
    return get_object_or_404(Order, code=normalise_code(code))
