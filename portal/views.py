from django.conf import settings
from django.http import HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
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
    """Browsers ask for /favicon.ico whatever the page says: send them to the static icon."""
    return HttpResponseRedirect(static("portal/favicon.ico"))
