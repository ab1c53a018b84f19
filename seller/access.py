"""Who may use the seller workspace, and as which business.

One rule for every workspace screen (orders, batches, products, board): the signed-in user
must manage a producer (catalogue.permissions); a buyer gets 403, an anonymous visitor the
sign-in page. Objects of another business are 404 and logged (`refuse_other_business`).
A tourism business keeps a listing instead (tourism.permissions): its screens use
`listing_required`, Today uses `business_required`, and producer screens send it to its listing.
"""

import functools
import logging

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from catalogue.permissions import producers_for_user
from catalogue.security import log_refusal
from tourism.permissions import listing_for_user

from .models import WorkspaceDay

security_log = logging.getLogger("xuthanh.security")
SESSION_PRODUCER_KEY = "seller_producer_id"


def producer_for(request):
    """The default-language ProducerPage the user works as (the session's choice, else the first)."""
    producers = list(producers_for_user(request.user))
    if not producers:
        return None
    chosen = request.session.get(SESSION_PRODUCER_KEY) if hasattr(request, "session") else None
    for producer in producers:
        if producer.pk == chosen:
            return producer
    return producers[0]


def record_workspace_day(producer) -> None:
    """Mark the business as active in the workspace today (once a day, in the province's time)."""
    WorkspaceDay.objects.get_or_create(producer=producer, day=timezone.localdate())


def seller_required(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("seller:sign_in"))
        producer = producer_for(request)
        if producer is None:
            if listing_for_user(request.user) is not None:
                return redirect("seller:seller_listing")  # a tourism business has no products or batches
            log_refusal(request, "seller workspace: the user manages no business")
            raise PermissionDenied
        request.producer = producer
        record_workspace_day(producer)
        return view(request, *args, **kwargs)

    return wrapped


def _signed_in(request):
    return (
        None if request.user.is_authenticated else redirect_to_login(request.get_full_path(), reverse("seller:sign_in"))
    )


def listing_required(view):
    """Screens of a tourism business: sets `request.listing` (its default-language listing page)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if (refusal := _signed_in(request)) is not None:
            return refusal
        listing = listing_for_user(request.user)
        if listing is None:
            log_refusal(request, "seller workspace: the user keeps no tourism listing")
            raise PermissionDenied
        request.listing, request.producer = listing, None
        return view(request, *args, **kwargs)

    return wrapped


def business_required(view):
    """Screens every business has (Today): sets `request.producer` or, for a tourism business, `request.listing`."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if (refusal := _signed_in(request)) is not None:
            return refusal
        request.producer = producer_for(request)
        request.listing = None if request.producer else listing_for_user(request.user)
        if request.producer is None and request.listing is None:
            log_refusal(request, "seller workspace: the user manages no business")
            raise PermissionDenied
        if request.producer is not None:
            record_workspace_day(request.producer)
        return view(request, *args, **kwargs)

    return wrapped


def refuse_other_business(request, what: str) -> Http404:
    """Log an attempt to reach another business's object and return the 404 to raise."""
    log_refusal(request, f"seller workspace: {what} of another business")
    return Http404(what)


def own_or_404(request, queryset, what: str, **lookup):
    """The object of `queryset` (already narrowed to the business) matching `lookup`, else a logged 404."""
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise refuse_other_business(request, what)
    return obj
