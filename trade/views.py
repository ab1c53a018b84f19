"""Thin views of the board: parse input, call services, render."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.consent_fields import record_form_consents
from accounts.models import Channel, Purpose

from . import services
from .forms import AnswerForm, BoardFilterForm, InquiryForm, OfferForm, ProfileForm, RequestForm
from .labels import area_labels, category_labels, label_posts
from .matching import MIN_SHOWN_SCORE, rank_matches
from .models import UNIT_FAMILY, Inquiry, Notification, Offer, Request, Status, unit_family
from .permissions import board_profile, can_edit, can_post_offer, can_post_request, can_view, is_moderator

security_log = logging.getLogger("xuthanh.security")

MODELS = {"offer": Offer, "request": Request}
FORMS = {"offer": OfferForm, "request": RequestForm}
PAGE_SIZE = 20
COLUMN_SIZE = 10


def _model(kind: str):
    try:
        return MODELS[kind]
    except KeyError as error:
        raise Http404 from error


def _filtered(model, data: dict):
    """The board's filters applied to one side's queryset."""
    queryset = (
        model.objects.open()
        if data.get("show") != "all"
        else model.objects.filter(status__in=[Status.OPEN, Status.CLOSED])
    )
    if data.get("category"):
        queryset = queryset.filter(category_id=data["category"])
    if data.get("area"):
        queryset = queryset.filter(area_id=data["area"])
    quantity_min, quantity_max, unit = data.get("quantity_min"), data.get("quantity_max"), data.get("unit")
    if unit or quantity_min is not None or quantity_max is not None:
        family, factor = unit_family(unit or "kg")
        units = [u for u, (f, _factor) in UNIT_FAMILY.items() if f == family]
        queryset = queryset.filter(unit__in=units)
        if quantity_min is not None:
            queryset = queryset.filter(base_quantity__gte=quantity_min * factor)
        if quantity_max is not None:
            queryset = queryset.filter(base_quantity__lte=quantity_max * factor)
    queryset = queryset.with_related()
    if model is Offer:
        queryset = queryset.prefetch_related("photos__image")
    return queryset.order_by("-published_at", "-pk")


def board(request):
    categories, areas = category_labels(), area_labels()
    form = BoardFilterForm(request.GET or None, categories=categories, areas=areas)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    kind = data.get("kind") or ""
    context = {"form": form, "kind": kind}
    if kind:
        page = Paginator(_filtered(MODELS[kind], data), PAGE_SIZE).get_page(request.GET.get("page"))
        label_posts(page.object_list, categories, areas)
        context["page_obj"] = page
        query = request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
    else:
        offers = label_posts(list(_filtered(Offer, data)[: COLUMN_SIZE + 1]), categories, areas)
        requests = label_posts(list(_filtered(Request, data)[: COLUMN_SIZE + 1]), categories, areas)
        context.update(
            offers=offers[:COLUMN_SIZE],
            more_offers=len(offers) > COLUMN_SIZE,
            requests=requests[:COLUMN_SIZE],
            more_requests=len(requests) > COLUMN_SIZE,
        )
        query = request.GET.copy()
        query.pop("kind", None)
        context["query_string"] = query.urlencode()
    return render(request, "trade/board.html", context)


def post_detail(request, kind: str, pk: int):
    model = _model(kind)
    queryset = model.objects.with_related()
    if model is Offer:
        queryset = queryset.select_related("product").prefetch_related("photos__image")
    post = get_object_or_404(queryset, pk=pk)
    if not can_view(request.user, post):
        raise Http404
    categories, areas = category_labels(), area_labels()
    label_posts([post], categories, areas)
    is_owner = request.user.is_authenticated and post.owner_id == request.user.pk
    context = {
        "post": post,
        "kind": kind,
        "is_owner": is_owner,
        "can_edit": can_edit(request.user, post),
        "post_json_ld": post.get_json_ld(request) if post.is_open else None,
    }
    if is_owner:
        matches = rank_matches(post, limit=5, min_score=MIN_SHOWN_SCORE)
        label_posts([m.post for m in matches], categories, areas)
        context["matches"] = matches
        context["inquiries"] = post.inquiries.select_related("sender").order_by("-created_at")
    elif request.user.is_authenticated:
        context["my_inquiries"] = post.inquiries.filter(sender=request.user).order_by("-created_at")
        if post.is_open:
            context["inquiry_form"] = InquiryForm()
    return render(request, "trade/post_detail.html", context)


def _forbidden(request):
    return render(request, "trade/forbidden.html", status=403)


def _not_allowed(request, kind: str):
    profile = board_profile(request.user)
    return render(
        request,
        "trade/not_allowed.html",
        {"kind": kind, "profile": profile},
        status=403,
    )


@login_required(login_url="trade:sign_in")
def post_create(request, kind: str):
    _model(kind)
    allowed = can_post_offer(request.user) if kind == "offer" else can_post_request(request.user)
    if not allowed:
        return _not_allowed(request, kind)
    form, submitted = _post_form(request, kind)
    if submitted and form.is_valid():
        try:
            post = services.save_post(
                form.instance, request.user, photos=_photos(form), language=translation.get_language()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            record_form_consents(
                form, purpose=Purpose.BOARD_POST, channel=Channel.BOARD_POST, request=request, user=request.user
            )
            _say_saved(request, post)
            return redirect(post.get_absolute_url())
    return render(request, "trade/post_form.html", {"form": form, "kind": kind, "creating": True})


@login_required(login_url="trade:sign_in")
def post_edit(request, kind: str, pk: int):
    post = get_object_or_404(_model(kind), pk=pk)
    if not can_edit(request.user, post):
        security_log.warning("user %s was refused editing %s %s", request.user.pk, kind, pk)
        return _forbidden(request)
    form, submitted = _post_form(request, kind, post)
    if submitted and form.is_valid():
        try:
            post = services.save_post(
                form.instance, request.user, photos=_photos(form), language=translation.get_language()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _say_saved(request, post)
            return redirect(post.get_absolute_url())
    return render(request, "trade/post_form.html", {"form": form, "kind": kind, "post": post})


def _post_form(request, kind: str, instance=None):
    """The post form and whether it was submitted to be saved.

    "Show the wards of this province" (the address in two steps, without JavaScript) sends
    the form back: it is shown again, unsaved and without errors, with that province's wards.
    """
    form_class = FORMS[kind]
    if request.method == "POST" and "change_province" in request.POST:
        data = request.POST.dict()
        for name in ("csrfmiddlewaretoken", "change_province", "ward_code"):
            data.pop(name, None)
        return form_class(initial=data, instance=instance, user=request.user), False
    form = form_class(request.POST or None, request.FILES or None, instance=instance, user=request.user)
    return form, request.method == "POST"


def _photos(form):
    photo = form.cleaned_data.get("photo")
    return [photo] if photo else []


def _say_saved(request, post):
    if post.status == Status.PENDING:
        messages.info(request, _("Saved. A moderator will check your post before it appears on the board."))
    else:
        messages.success(request, _("Saved. Your post is on the board."))


@require_POST
@login_required(login_url="trade:sign_in")
def post_close(request, kind: str, pk: int):
    post = get_object_or_404(_model(kind), pk=pk)
    try:
        services.close_post(post, request.user)
    except PermissionDenied:
        return _forbidden(request)
    messages.success(request, _("The post is closed."))
    return redirect(post.get_absolute_url())


@login_required(login_url="trade:sign_in")
def my_posts(request):
    user = request.user
    categories, areas = category_labels(), area_labels()
    offers = label_posts(list(Offer.objects.owned_by(user).with_related().order_by("-created_at")), categories, areas)
    requests = label_posts(
        list(Request.objects.owned_by(user).with_related().order_by("-created_at")), categories, areas
    )
    notifications = list(
        Notification.objects.filter(user=user).select_related("offer", "request").order_by("-created_at")[:30]
    )
    unread = [n.pk for n in notifications if n.read_at is None]
    context = {
        "offers": offers,
        "requests": requests,
        "notifications": notifications,
        "unread_ids": set(unread),
        "can_post_offer": can_post_offer(user),
        "can_post_request": can_post_request(user),
        "is_moderator": is_moderator(user),
    }
    response = render(request, "trade/my_posts.html", context)
    if unread:
        Notification.objects.filter(pk__in=unread).update(read_at=timezone.now())
    return response


@require_POST
@login_required(login_url="trade:sign_in")
def inquiry_create(request, kind: str, pk: int):
    post = get_object_or_404(_model(kind).objects.with_related(), pk=pk)
    if not can_view(request.user, post):
        raise Http404
    form = InquiryForm(request.POST)
    if form.is_valid():
        try:
            inquiry = services.send_inquiry(
                post, request.user, form.cleaned_data["message"], language=translation.get_language()
            )
        except services.InquiryRateLimited:
            response = render(
                request,
                "trade/rate_limited.html",
                {"post": post, "limit": services.INQUIRIES_PER_HOUR},
                status=429,
            )
            response["Retry-After"] = "3600"
            return response
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your message was sent. You will see the answer under “Inquiries”."))
            return redirect(inquiry.get_absolute_url())
    label_posts([post])
    return render(request, "trade/inquiry_refused.html", {"post": post, "form": form}, status=400)


@login_required(login_url="trade:sign_in")
def inquiries(request):
    user = request.user
    received = (
        Inquiry.objects.filter(Q(offer__owner=user) | Q(request__owner=user))
        .select_related("sender", "offer", "request")
        .order_by("-created_at")
    )
    sent = Inquiry.objects.filter(sender=user).select_related("offer", "request").order_by("-created_at")
    return render(request, "trade/inquiries.html", {"received": received, "sent": sent})


@login_required(login_url="trade:sign_in")
def inquiry_detail(request, pk: int):
    inquiry = get_object_or_404(
        Inquiry.objects.select_related("sender", "offer__owner", "request__owner"),
        pk=pk,
    )
    if not services.can_see_inquiry(inquiry, request.user):
        security_log.warning("user %s tried to read inquiry %s", request.user.pk, pk)
        raise Http404
    is_poster = inquiry.post.owner_id == request.user.pk
    form = None
    if is_poster:
        form = AnswerForm(request.POST or None, initial={"answer": inquiry.answer})
        if request.method == "POST" and form.is_valid():
            try:
                services.answer_inquiry(inquiry, request.user, form.cleaned_data["answer"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your answer was sent. You can now see each other's contact details."))
                return redirect(inquiry.get_absolute_url())
    elif request.method == "POST":
        return _forbidden(request)
    context = {
        "inquiry": inquiry,
        "post": inquiry.post,
        "is_poster": is_poster,
        "form": form,
        "contact": services.other_party_contact(inquiry, request.user),
    }
    return render(request, "trade/inquiry_detail.html", context)


@login_required(login_url="trade:sign_in")
def account(request):
    profile = board_profile(request.user)
    form = ProfileForm(request.POST or None, instance=profile, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = request.user
            new_email = form.cleaned_data["email"].strip().lower()
            if new_email != (user.email or "").lower():
                user.email = new_email
                user.save(update_fields=["email"])
                profile.email_verified = False
            form.save()
        messages.success(request, _("Your details are saved."))
        return redirect("trade:account")
    return render(request, "trade/account.html", {"form": form, "profile": profile})


@require_POST
@login_required(login_url="trade:sign_in")
def send_verification(request):
    try:
        services.send_email_verification(request.user, request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("We sent a confirmation link to %(email)s.") % {"email": request.user.email})
    return redirect("trade:account")


def verify_email(request, token: str):
    try:
        services.verify_email(token)
    except ValidationError as error:
        return render(request, "trade/verify_failed.html", {"errors": error.messages}, status=400)
    messages.success(request, _("Thank you: your e-mail address is confirmed."))
    return redirect("trade:account" if request.user.is_authenticated else "trade:board")
