"""Public views: the business sign-up form."""

from django.shortcuts import redirect, render
from django.utils.translation import get_language
from wagtail.models import Locale

from portal.ratelimit import rate_limited

from .forms import BusinessApplicationForm


def _locale():
    return Locale.objects.filter(language_code=get_language()).first()


@rate_limited("business_signup", limit=10, window_seconds=3600)
def business_signup(request):
    form = BusinessApplicationForm(request.POST or None, locale=_locale())
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("catalogue:signup_thanks")
    return render(request, "catalogue/signup.html", {"form": form}, status=400 if form.errors else 200)


def business_signup_thanks(request):
    return render(request, "catalogue/signup_thanks.html")
