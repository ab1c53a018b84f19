from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from . import health


@never_cache
@require_GET
def healthz(request):
    """Each engine's state for load balancers and monitors; 503 when PostgreSQL or Redis is down."""
    return health.response()


@require_GET
@cache_control(public=True, max_age=86400)
def robots_txt(request):
    return render(
        request,
        "portal/robots.txt",
        {"sitemap_url": request.build_absolute_uri("/sitemap.xml")},
        content_type="text/plain; charset=utf-8",
    )


def page_not_found(request, exception=None, template_name="404.html"):
    reason = getattr(exception, "user_message", None)
    return render(request, template_name, {"reason": reason}, status=404)


def server_error(request, template_name="500.html"):
    """The site's own error page, even when the database is gone (a crash mid-checkout):
    rendered without the request, so no context processor (menu, footer) queries anything."""
    context = {
        "LANGUAGE_CODE": translation.get_language() or settings.LANGUAGE_CODE,
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
    }
    return HttpResponseServerError(loader.get_template(template_name).render(context))


@require_GET
@cache_control(public=True, max_age=86400)
def favicon(request):
    """Browsers and installers ask for /favicon.ico whatever the page says: the icon itself, not
    a redirect (the static files may live on another host, or not be collected at all)."""
    path = finders.find("portal/favicon.ico")
    if path is None:
        raise Http404("no favicon")
    return FileResponse(open(path, "rb"), content_type="image/x-icon")  # noqa: SIM115 (closed by the response)
