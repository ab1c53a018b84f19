"""The workspace shell's screens: Today, and applying to sell from the start page."""

from django.shortcuts import render
from django.utils.translation import get_language
from wagtail.models import Locale

from catalogue.forms import BusinessApplicationForm
from portal.ratelimit import rate_limited

from . import today as today_service
from .access import seller_required


@seller_required
def today(request):
    context = today_service.today_for(request.producer, request.user)
    return render(request, "seller/today.html", {"tab": "today", **context})


@rate_limited("business_signup", limit=10, window_seconds=3600)
def apply(request):
    """The business application (catalogue onboarding), from the workspace's start page."""
    locale = Locale.objects.filter(language_code=get_language()).first()
    form = BusinessApplicationForm(request.POST or None, locale=locale)
    if request.method == "POST" and form.is_valid():
        form.save()
        return render(request, "seller/apply_thanks.html")
    return render(request, "seller/apply.html", {"form": form}, status=400 if form.errors else 200)
