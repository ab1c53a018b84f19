"""The dashboards in the Wagtail admin: thin views over `dashboards.metrics`, and one
`ReportView` per table for its CSV and XLSX export."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column as TableColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from . import access
from .charts import bar_chart, line_chart
from .metrics import business, province
from .metrics.common import TableSpec
from .periods import period_from_request

PROVINCE_DEFAULT_DAYS = 365
BUSINESS_DEFAULT_DAYS = 30


def table_blocks(specs, figures, url_name_prefix: str, query: dict) -> list[dict]:
    """What the template needs for each table: its rows, chart and export links."""
    blocks = []
    for spec in specs:
        rows = figures.rows.get(spec.key, [])
        chart = ""
        if spec.chart and rows:
            points = [(row[spec.fields[0]], row[spec.chart_field]) for row in rows]
            draw = line_chart if spec.chart == "line" else bar_chart
            chart = draw(str(spec.title), points)
        export_url = reverse(f"{url_name_prefix}_{spec.key}")
        blocks.append(
            {
                "spec": spec,
                "rows": rows,
                "chart": chart,
                "csv_url": f"{export_url}?{urlencode({**query, 'export': 'csv'})}",
                "xlsx_url": f"{export_url}?{urlencode({**query, 'export': 'xlsx'})}",
            }
        )
    return blocks


class RefusalMixin:
    """Answer a refusal with a plain 403 page (Wagtail's own handling would redirect to the admin home)."""

    def dispatch(self, request, *args, **kwargs):
        try:
            self.check_access(request)
        except access.Refused:
            return TemplateResponse(request, "dashboards/forbidden.html", status=403)
        return super().dispatch(request, *args, **kwargs)

    def check_access(self, request):
        raise NotImplementedError


class ProvinceDashboardView(RefusalMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "dashboards/province.html"
    page_title = _("Province dashboard")
    header_icon = "site"

    def check_access(self, request):
        if not access.can_view_province(request.user):
            raise access.refuse(request, "province dashboard for non-province user")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period, form = period_from_request(self.request, PROVINCE_DEFAULT_DAYS)
        figures = province.province_figures(period)
        query = {"start": period.start.isoformat(), "end": period.end.isoformat()}
        context.update(
            period=period,
            period_form=form,
            figures=figures,
            targets=figures.summary["targets"],
            tables=table_blocks(province.TABLES, figures, "dashboards_province", query),
        )
        return context


class BusinessDashboardView(RefusalMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "dashboards/business.html"
    page_title = _("Business dashboard")
    header_icon = "pick"

    def check_access(self, request):
        self.producer, self.choices = access.business_for_request(request)

    def get_page_subtitle(self):
        return self.producer.title if self.producer else ""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_header_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period, form = period_from_request(self.request, BUSINESS_DEFAULT_DAYS)
        context.update(period=period, period_form=form, producer=self.producer, choices=self.choices)
        if self.producer is None:
            # Province staff without a business of their own choose one.
            from wagtail.models import Locale

            from catalogue.models import ProducerPage

            context["all_producers"] = ProducerPage.objects.filter(locale=Locale.get_default()).order_by("title")
            return context
        figures = business.business_figures(self.producer, period)
        query = {"producer": self.producer.pk, "start": period.start.isoformat(), "end": period.end.isoformat()}
        context.update(
            figures=figures,
            summary=figures.summary,
            tables=table_blocks(business.TABLES, figures, "dashboards_business", query),
        )
        return context


class TableReportView(RefusalMixin, ReportView):
    """One dashboard table as a Wagtail report, exported with `?export=csv` or `?export=xlsx`."""

    table: TableSpec
    default_days = PROVINCE_DEFAULT_DAYS
    paginate_by = 100

    def get_page_title(self):
        return self.table.title

    @property
    def list_export(self):
        return self.table.fields

    def get_queryset(self):
        # Headings are fixed now, in the user's language: the CSV is streamed after the view returns.
        self.export_headings = {c.field: str(c.heading) for c in self.table.columns}
        self.period, _form = period_from_request(self.request, self.default_days)
        return list(self.figures().rows.get(self.table.key, []))

    @property
    def columns(self):
        return [TableColumn(c.field, label=c.heading, accessor=c.field) for c in self.table.columns]

    def get_filename(self):
        return f"{self.table.key}-{self.period.start.isoformat()}-{self.period.end.isoformat()}"

    def figures(self):
        raise NotImplementedError

    def filter_queryset(self, queryset):
        return queryset


class ProvinceTableReportView(TableReportView):
    def check_access(self, request):
        if not access.can_view_province(request.user):
            raise access.refuse(request, "province export for non-province user")

    def figures(self):
        return province.province_figures(self.period)


class BusinessTableReportView(TableReportView):
    default_days = BUSINESS_DEFAULT_DAYS

    def check_access(self, request):
        self.producer, _choices = access.business_for_request(request)
        if self.producer is None:
            raise Http404(_("Choose a business."))

    def get_page_subtitle(self):
        return self.producer.title

    def figures(self):
        return business.business_figures(self.producer, self.period)


def report_view_classes(base, specs) -> dict[str, type]:
    """One ReportView subclass per exported table."""
    return {spec.key: type(f"{base.__name__}_{spec.key.replace('-', '_')}", (base,), {"table": spec}) for spec in specs}


PROVINCE_REPORTS = report_view_classes(ProvinceTableReportView, province.TABLES)
BUSINESS_REPORTS = report_view_classes(BusinessTableReportView, business.TABLES)
