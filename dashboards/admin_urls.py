"""Admin URLs of the dashboards, registered under /admin/ by `wagtail_hooks` (admin sign-in applies)."""

from django.urls import path

from . import views

urlpatterns = [
    path("dashboards/province/", views.ProvinceDashboardView.as_view(), name="dashboards_province"),
    path("dashboards/business/", views.BusinessDashboardView.as_view(), name="dashboards_business"),
]
urlpatterns += [
    path(f"dashboards/province/export/{key}/", view.as_view(), name=f"dashboards_province_{key}")
    for key, view in views.PROVINCE_REPORTS.items()
]
urlpatterns += [
    path(f"dashboards/business/export/{key}/", view.as_view(), name=f"dashboards_business_{key}")
    for key, view in views.BUSINESS_REPORTS.items()
]
