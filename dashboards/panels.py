"""Panels on the Wagtail admin home page: a business's week at a glance, the province's targets."""

from wagtail.admin.ui.components import Component

from .metrics import business, province
from .periods import default_period


class BusinessHomePanel(Component):
    name = "dashboards_business"
    order = 90
    template_name = "dashboards/panels/business.html"

    def __init__(self, producer):
        self.producer = producer

    def get_context_data(self, parent_context):
        figures = business.business_figures(self.producer, default_period(30))
        return {"producer": self.producer, "summary": figures.summary}


class ProvinceHomePanel(Component):
    name = "dashboards_province"
    order = 95
    template_name = "dashboards/panels/province.html"

    def get_context_data(self, parent_context):
        figures = province.province_figures(default_period(365))
        return {"targets": figures.summary["targets"]}
