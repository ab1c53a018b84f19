"""The workspace shell's screens: Today, applying to sell from the start page, spreadsheet import."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale

from catalogue.forms import SellerApplication
from portal.ratelimit import rate_limited
from tourism.seller_services import listing_today

from . import importer
from . import today as today_service
from .access import business_required, seller_required
from .forms import ImportForm
from .nav import seller_url


@business_required
def today(request):
    if request.listing is not None:  # a tourism business: its listing's state and offers
        context = listing_today(request.listing)
        return render(request, "tourism/seller/today.html", {"tab": "today", **context})
    context = today_service.today_for(request.producer, request.user)
    return render(request, "seller/today.html", {"tab": "today", **context})


@rate_limited("business_signup", limit=10, window_seconds=3600)
def apply(request):
    """The business application (catalogue onboarding), from the workspace's start page."""
    locale = Locale.objects.filter(language_code=get_language()).first()
    application = SellerApplication(request.POST or None, request.FILES or None, locale=locale)
    if request.method == "POST" and application.is_valid():
        application.save(request)
        return render(request, "seller/apply_thanks.html")
    status = 400 if request.method == "POST" and application.errors else 200
    return render(request, "seller/apply.html", {"application": application}, status=status)


@seller_required
def import_sheet(request):
    form = ImportForm(request.POST or None, request.FILES or None, initial={"what": request.GET.get("what")})
    errors = []
    if request.method == "POST" and form.is_valid():
        what = form.cleaned_data["what"]
        try:
            count, errors = importer.run_import(
                what, request.producer, request.user, form.cleaned_data["file"], get_language()
            )
        except importer.ImportRefused as refusal:
            form.add_error("file", str(refusal))
        else:
            if not errors:
                if what == importer.PRODUCTS:
                    message = _("%(n)s products imported and sent to the province team for approval.")
                else:
                    message = _("%(n)s batches recorded.")
                messages.success(request, message % {"n": count})
                return redirect(
                    "seller:seller_products"
                    if what == importer.PRODUCTS
                    else seller_url("seller:seller_batches", "batches/")
                )
    context = {"tab": "products", "form": form, "errors": errors, "kinds": (importer.PRODUCTS, importer.BATCHES)}
    status = 400 if request.method == "POST" else 200
    return render(request, "seller/import.html", context, status=status)


@seller_required
def import_template(request, what: str, fmt: str):
    if what not in importer.COLUMNS or fmt not in ("xlsx", "csv"):
        raise Http404
    if fmt == "xlsx":
        body = importer.template_xlsx(what)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = importer.template_csv(what)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{what}-{get_language()}.{fmt}"'
    return response
