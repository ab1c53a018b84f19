"""Models of the dashboards app: daily page-view counts (the only figure the other apps do not keep)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageViewCount(models.Model):
    """How many times a page was served on one local day (page-cache hits included).

    Views are buffered in memory and added here in bulk (`dashboards.pageviews`), so a
    page view never waits on this table.
    """

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page"))
    date = models.DateField(_("date"))
    views = models.PositiveBigIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("page views on a day")
        verbose_name_plural = _("page views by day")
        constraints = [models.UniqueConstraint(fields=["page", "date"], name="dashboards_pageview_once_a_day")]
        indexes = [models.Index(fields=["date", "page"], name="dashboards_pageview_date")]
        permissions = [("view_province_dashboard", _("Can see the province dashboard"))]

    def __str__(self):
        return f"{self.page_id} {self.date}: {self.views}"
