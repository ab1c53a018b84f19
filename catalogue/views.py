"""Public views: the business sign-up form, and "report this listing"."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from portal.ratelimit import rate_limited

from .forms import ListingReportForm, SellerApplication
from .takedown import listing_content_type


def _locale():
    return Locale.objects.filter(language_code=get_language()).first()


@rate_limited("business_signup", limit=10, window_seconds=3600)
def business_signup(request):
    application = SellerApplication(request.POST or None, request.FILES or None, locale=_locale())
    if request.method == "POST" and application.is_valid():
        application.save(request)
        return redirect("catalogue:signup_thanks")
    status = 400 if request.method == "POST" and application.errors else 200
    return render(request, "catalogue/signup.html", {"application": application}, status=status)


def business_signup_thanks(request):
    return render(request, "catalogue/signup_thanks.html")


def _publicly_shown(listing) -> bool:
    if isinstance(listing, Page):
        return listing.live and not listing.get_view_restrictions().exists()
    return bool(getattr(listing, "is_open", False))


@rate_limited("listing_report", limit=5, window_seconds=3600)
def report_listing(request, kind: str, pk: int):
    """A short form: anyone may tell the moderators what is wrong with a listing (5 an hour per address)."""
    content_type = listing_content_type(kind)
    if content_type is None:
        raise Http404
    listing = get_object_or_404(content_type.model_class(), pk=pk)
    if not _publicly_shown(listing):
        raise Http404
    form = ListingReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report = form.save(commit=False)
        report.content_type, report.object_id = content_type, listing.pk
        report.title = str(listing)[:255]
        report.url = listing.url if isinstance(listing, Page) else listing.get_absolute_url()
        report.save()
        return render(request, "catalogue/report_thanks.html", {"listing": listing})
    status = 400 if request.method == "POST" else 200
    return render(request, "catalogue/report_form.html", {"form": form, "listing": listing}, status=status)
