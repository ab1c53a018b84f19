"""Public views: the business sign-up form."""

from django.shortcuts import redirect, render
from django.utils.translation import get_language
from wagtail.models import Locale

from portal.ratelimit import rate_limited

from .forms import SellerApplication


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
