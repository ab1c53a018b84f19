"""The business dashboard's figures in the seller workspace (the same metrics as the admin's)."""

from datetime import date

from django.shortcuts import render

from seller.access import seller_required

from .charts import bar_chart
from .metrics import business
from .periods import period_from_request
from .views import BUSINESS_DEFAULT_DAYS


@seller_required
def figures(request):
    period, form = period_from_request(request, BUSINESS_DEFAULT_DAYS)
    found = business.business_figures(request.producer, period)
    weeks = [{**w, "week": date.fromisoformat(w["week"])} for w in found.rows["orders-by-week"]]
    context = {
        "tab": "figures",
        "period": period,
        "period_form": form,
        "summary": found.summary,
        "weeks": weeks,
        "products": found.rows["views-by-product"][:10],
        "revenue_chart": bar_chart("", [(w["week"].strftime("%d/%m"), w["revenue"]) for w in weeks]) if weeks else "",
    }
    return render(request, "dashboards/seller/figures.html", context)
