"""The seller workspace at /{lang}/seller/: the shell's own screens, then each app's screens.

Each app's seller_urls.py names its routes `seller_…` (no app_name of its own), so they are
reversed as "seller:seller_products", "seller:seller_orders" and so on.
"""

from django.urls import include, path

from . import pwa, views
from .signin import WorkspaceLoginView

app_name = "seller"
urlpatterns = [
    path("", views.today, name="today"),
    path("sign-in/", WorkspaceLoginView.as_view(), name="sign_in"),
    path("apply/", views.apply, name="apply"),
    path("import/", views.import_sheet, name="seller_import"),
    path("import/<str:what>-template.<str:fmt>", views.import_template, name="seller_import_template"),
    path("", include("catalogue.seller_urls")),
    path("", include("trade.seller_urls")),
    path("", include("dashboards.seller_urls")),
    path("", include("orders.seller_urls")),
    path("", include("traceability.seller_urls")),
    path("", include("tourism.seller_urls")),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("offline/", pwa.offline, name="offline"),
]
