from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import pwa, views
from portal.api import api_router
from portal.sitemap import MultilingualSitemap
from seller.signin import AdminLoginView
from tourism.views import open_data_feed

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

# Paths without a language prefix: admin, machine endpoints, and the traceability
# resolver (a QR code must keep working whatever language the phone prefers).
urlpatterns = [
    # Wagtail's sign-in page, sending a business to its workspace (seller.signin).
    path("admin/login/", AdminLoginView.as_view(), name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("manifest.webmanifest", pwa.manifest, name="web_manifest"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
    path("api/v2/", api_router.urls),
    path("api/open-data/tourism/", open_data_feed, name="open_data_tourism"),
    path("", include("orders.urls_payments")),
    path("", include("traceability.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page URLs, its catch-all without the traceability prefixes: LocaleMiddleware turns
# a 404 into a redirect to /<lang>/<path>/ whenever that would match, and a wrong code scanned
# at /t/… or /01/…, or an API's 404, must stay a clear 404 there.
wagtail_page_urls = [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(r"^(?!t/|01/|api/)((?:[\w\-]+/)*)$", wagtail_views.serve, name="wagtail_serve"),
]

# Pages and app views live under /vi/… and /en/…; `/` redirects by Accept-Language.
urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    path("", include("orders.urls")),
    path("", include("catalogue.urls")),
    path("trade/", include("trade.urls")),
    path("", include("tourism.urls")),
    path("seller/", include("seller.urls")),
    path("account/", include("accounts.urls")),
    path("offline/", pwa.offline, name="offline"),
    path("", include(wagtail_page_urls)),
    prefix_default_language=True,
)
