"""The province's figures: its plans' targets as live shares, and activity by month and area.

Definitions (each target's numerator and denominator):

* A *business* is a live producer page in the default language (one row per business:
  the English page is a translation of the same business).
* A *food producer* is a business with at least one live product page that declares a shelf
  life (`shelf_life_days`). Everything eaten or drunk spoils and must declare how long it
  keeps; handicrafts (sedge mats, bamboo ware) declare none. The catalogue has no separate
  food flag, and this keeps the rule in the data rather than in a list of category names.
* *Traceability* target: food producers with at least one trace event *recorded*
  (`TraceEvent.recorded_at`, not the claimed event time) on any of their batches in the last
  90 days, over all food producers.
* *Board* target: businesses whose offer or request to buy stood open at some time in the
  last 90 days (published, not pending or hidden, and its end date not before the window's
  first day), or that answered an inquiry on one of their posts in the last 90 days, over all
  businesses.
* *Online orders* target: businesses *taking orders online* — with at least one active
  variant in stock on a live product page, i.e. a shopper can put something of theirs in the
  cart right now — over all businesses.
* *Mobile* target (e-commerce through mobile applications): businesses that worked in the
  seller workspace — the phone-first web app at /{lang}/seller/, installable on a phone's home
  screen — on at least one day of the last 90 (`seller.WorkspaceDay`), over all businesses.
"""

from datetime import timedelta

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from orders.complaints.figures import complaint_figures

from ..periods import Period
from .common import (
    Column,
    Figures,
    TableSpec,
    area_names,
    cached,
    month_label,
    months_of,
    share,
    trunc_month,
)

WINDOW_DAYS = 90
TOP_N = 10

# The province's goals, in per cent, by year (from its digital-transformation plans).
TARGETS = {
    "traceability": {2025: 30, 2030: 50},
    "board": {2025: 50, 2030: 70},
    "online": {2025: 80, 2030: 90},
    "mobile": {2025: 40, 2030: 50},
}

TARGET_LABELS = {
    "traceability": _("Food producers recording batches with QR traceability"),
    "board": _("Businesses trading on the supply–demand board"),
    "online": _("Businesses taking orders online"),
    "mobile": _("Businesses doing e-commerce through mobile applications"),
}

TARGET_DEFINITIONS = {
    "traceability": _(
        "Food producers (businesses with a product that declares a shelf life) with a trace event recorded "
        "on one of their batches in the last 90 days, out of all food producers."
    ),
    "board": _(
        "Businesses with an offer or request to buy open in the last 90 days, or an inquiry answered in the "
        "last 90 days, out of all businesses."
    ),
    "online": _(
        "Businesses with at least one variant on sale and in stock on a live product page, out of all businesses."
    ),
    "mobile": _(
        "Businesses that worked in the seller workspace (the web app for phones, installable on the home screen) "
        "on at least one day in the last 90 days, out of all businesses."
    ),
}

TABLES = (
    TableSpec(
        "ocop-stars",
        _("OCOP products by stars"),
        (Column("stars", _("Stars")), Column("products", _("Products"), "number")),
        chart="bar",
        chart_field="products",
    ),
    TableSpec(
        "orders-by-month",
        _("Orders and sales by month"),
        (
            Column("month", _("Month")),
            Column("orders", _("Orders"), "number"),
            Column("sales", _("Sales (đồng)"), "money"),
        ),
        chart="line",
        chart_field="sales",
        description=_("Confirmed orders; sales are the goods sold (shipping excluded), cancelled lines left out."),
    ),
    TableSpec(
        "sales-by-area",
        _("Orders and sales by area"),
        (
            Column("area", _("Area")),
            Column("orders", _("Orders"), "number"),
            Column("sales", _("Sales (đồng)"), "money"),
        ),
        chart="bar",
        chart_field="sales",
        description=_("By the area of the business that sold the goods."),
    ),
    TableSpec(
        "scans-by-area",
        _("QR scans and alerts by area"),
        (
            Column("area", _("Area")),
            Column("scans", _("Scans"), "number"),
            Column("alerts", _("Counterfeit alerts"), "number"),
        ),
        chart="bar",
        chart_field="scans",
        description=_(
            "Scans store no position; each counts toward the area its batch comes from "
            "(the batch's origin, else its producer's area)."
        ),
    ),
    TableSpec(
        "recalls",
        _("Recalls"),
        (
            Column("recalled_on", _("Recalled on")),
            Column("product", _("Product")),
            Column("producer", _("Producer")),
            Column("lot", _("Lot")),
            Column("reason", _("Reason")),
            Column("lines", _("Order lines shipped from it"), "number"),
        ),
    ),
    TableSpec(
        "searches-without-results",
        _("Most searched words that found nothing"),
        (Column("query", _("Search words")), Column("searches", _("Searches"), "number")),
        chart="bar",
        chart_field="searches",
    ),
    TableSpec(
        "top-attractions",
        _("Most viewed attractions"),
        (Column("attraction", _("Attraction")), Column("views", _("Page views"), "number")),
        chart="bar",
        chart_field="views",
        description=_("Views of the page in every language."),
    ),
)
TABLES_BY_KEY = {t.key: t for t in TABLES}


def goal_for_year(target: str, year: int) -> int:
    """The goal in force in a year: the 2025 goal until 2029, the 2030 goal from 2030 on."""
    return TARGETS[target][2030] if year >= 2030 else TARGETS[target][2025]


def target_counts(now=None) -> dict[str, tuple[int, int]]:
    """{target: (numerator, denominator)} — one query over the businesses."""
    from catalogue.models import ProducerPage, ProductPage, ProductVariant
    from seller.models import WorkspaceDay
    from traceability.models import TraceEvent
    from trade.models import Inquiry, Offer, Request, Status

    now = now or timezone.now()
    since = now - timedelta(days=WINDOW_DAYS)
    first_day = timezone.localtime(since).date()
    key = OuterRef("translation_key")
    posted = [Status.OPEN, Status.CLOSED]
    stood_open = Q(status__in=posted, published_at__isnull=False, published_at__lte=now)
    businesses = ProducerPage.objects.live().filter(locale=Locale.get_default())
    row = businesses.annotate(
        x_is_food=Exists(ProductPage.objects.live().filter(producer=OuterRef("pk"), shelf_life_days__isnull=False)),
        x_traced=Exists(TraceEvent.objects.filter(batch__producer=OuterRef("pk"), recorded_at__gte=since)),
        x_has_offer=Exists(
            Offer.objects.filter(stood_open, producer__translation_key=key, available_until__gte=first_day)
        ),
        x_has_request=Exists(
            Request.objects.filter(stood_open, producer__translation_key=key, deadline__gte=first_day)
        ),
        x_answered=Exists(
            Inquiry.objects.filter(answered_at__gte=since).filter(
                Q(offer__producer__translation_key=key) | Q(request__producer__translation_key=key)
            )
        ),
        x_online=Exists(
            ProductVariant.objects.filter(
                product__producer=OuterRef("pk"), product__live=True, is_active=True, stock__gt=0
            )
        ),
        x_mobile=Exists(WorkspaceDay.objects.filter(producer__translation_key=key, day__gte=first_day)),
    ).aggregate(
        businesses=Count("pk"),
        food=Count("pk", filter=Q(x_is_food=True)),
        traced=Count("pk", filter=Q(x_is_food=True, x_traced=True)),
        board=Count("pk", filter=Q(x_has_offer=True) | Q(x_has_request=True) | Q(x_answered=True)),
        online=Count("pk", filter=Q(x_online=True)),
        mobile=Count("pk", filter=Q(x_mobile=True)),
    )
    return {
        "traceability": (row["traced"], row["food"]),
        "board": (row["board"], row["businesses"]),
        "online": (row["online"], row["businesses"]),
        "mobile": (row["mobile"], row["businesses"]),
    }


def targets(now=None) -> list[dict]:
    now = now or timezone.now()
    year = timezone.localtime(now).year
    result = []
    for key, (numerator, denominator) in target_counts(now).items():
        percent = share(numerator, denominator)
        goal_now = goal_for_year(key, year)
        result.append(
            {
                "key": key,
                "label": str(TARGET_LABELS[key]),
                "definition": str(TARGET_DEFINITIONS[key]),
                "numerator": numerator,
                "denominator": denominator,
                "percent": percent,
                "goal_2025": TARGETS[key][2025],
                "goal_2030": TARGETS[key][2030],
                "goal_now": goal_now,
                # The plans say "more than" the goal.
                "met": percent > goal_now,
            }
        )
    return result


def ocop_rows() -> list[dict]:
    from catalogue.models import ProductPage

    counts = dict(
        ProductPage.objects.live()
        .filter(locale=Locale.get_default(), ocop_stars__isnull=False)
        .order_by()
        .values_list("ocop_stars")
        .annotate(n=Count("pk"))
        .values_list("ocop_stars", "n")
    )
    return [{"stars": f"{stars}★", "products": counts.get(stars, 0)} for stars in (3, 4, 5)]


def _sold_lines(period: Period):
    from orders.models import LineStatus, OrderLine, OrderStatus

    return OrderLine.objects.filter(
        order__status=OrderStatus.CONFIRMED,
        order__created_at__gte=period.start_at,
        order__created_at__lt=period.end_before,
    ).exclude(status=LineStatus.CANCELLED)


def orders_by_month_rows(period: Period) -> list[dict]:
    found = {
        row["month"].date() if hasattr(row["month"], "date") else row["month"]: row
        for row in _sold_lines(period)
        .annotate(month=trunc_month("order__created_at"))
        .order_by()
        .values("month")
        .annotate(orders=Count("order", distinct=True), sales=Sum(F("unit_price") * F("quantity")))
    }
    rows = []
    for month in months_of(period):
        row = found.get(month, {})
        rows.append({"month": month_label(month), "orders": row.get("orders", 0), "sales": row.get("sales") or 0})
    return rows


def _by_area(rows, names: dict, fields: tuple[str, ...]) -> list[dict]:
    result = []
    for slug, values in rows.items():
        result.append({"area": names.get(slug, str(_("No area"))) if slug else str(_("No area")), **values})
    result.sort(key=lambda r: (-r[fields[0]], r["area"]))
    return result


def sales_by_area_rows(period: Period, names: dict) -> list[dict]:
    found = {
        row["producer__area__slug"]: {"orders": row["orders"], "sales": row["sales"] or 0}
        for row in _sold_lines(period)
        .order_by()
        .values("producer__area__slug")
        .annotate(orders=Count("order", distinct=True), sales=Sum(F("unit_price") * F("quantity")))
    }
    return _by_area(found, names, ("sales",))


def scan_area_expression(prefix: str = "batch__"):
    return Coalesce(f"{prefix}origin__area__slug", f"{prefix}producer__area__slug")


def scans_by_area_rows(period: Period, names: dict) -> list[dict]:
    from traceability.models import Scan, ScanAlert

    scans = (
        Scan.objects.filter(scanned_at__gte=period.start_at, scanned_at__lt=period.end_before)
        .annotate(area_slug=scan_area_expression())
        .order_by()
        .values("area_slug")
        .annotate(n=Count("pk"))
    )
    alerts = (
        ScanAlert.objects.filter(created_at__gte=period.start_at, created_at__lt=period.end_before)
        .annotate(area_slug=scan_area_expression())
        .order_by()
        .values("area_slug")
        .annotate(n=Count("pk"))
    )
    found: dict = {}
    for row in scans:
        found.setdefault(row["area_slug"], {"scans": 0, "alerts": 0})["scans"] = row["n"]
    for row in alerts:
        found.setdefault(row["area_slug"], {"scans": 0, "alerts": 0})["alerts"] = row["n"]
    return _by_area(found, names, ("scans", "alerts"))


def recall_rows(period: Period, limit: int = 100) -> list[dict]:
    from traceability.models import Batch

    batches = (
        Batch.objects.recalled()
        .filter(recalled_at__gte=period.start_at, recalled_at__lt=period.end_before)
        .select_related("product", "producer")
        .annotate(lines=Count("order_lines"))
        .order_by("-recalled_at", "-pk")[:limit]
    )
    batches = list(batches)
    titles = _titles_in_active_language(
        [b.product.translation_key for b in batches if b.product_id]
        + [b.producer.translation_key for b in batches if b.producer_id]
    )
    return [
        {
            "recalled_on": timezone.localtime(b.recalled_at).date().isoformat(),
            "product": titles.get(b.product.translation_key, b.product.title) if b.product_id else "",
            "producer": titles.get(b.producer.translation_key, b.producer.title) if b.producer_id else "",
            "lot": b.lot_number,
            "reason": b.recall_reason,
            "lines": b.lines,
        }
        for b in batches
    ]


def _titles_in_active_language(keys: list) -> dict:
    """translation_key → page title in the active language, in one query."""
    from wagtail.models import Page

    if not keys:
        return {}
    return dict(
        Page.objects.filter(translation_key__in=keys, locale=Locale.get_active()).values_list(
            "translation_key", "title"
        )
    )


def zero_result_search_rows(period: Period, limit: int = TOP_N) -> list[dict]:
    """The most searched words that found nothing (the search app's log)."""
    from ..sources import zero_result_searches

    return [{"query": q, "searches": n} for q, n in zero_result_searches(period, limit)]


def top_attraction_rows(period: Period, limit: int = TOP_N) -> list[dict]:
    from tourism.models import AttractionPage

    from ..models import PageViewCount

    views = (
        PageViewCount.objects.filter(
            page__translation_key=OuterRef("translation_key"), date__gte=period.start, date__lte=period.end
        )
        .order_by()
        .values("page__translation_key")
        .annotate(total=Sum("views"))
        .values("total")
    )
    active = Locale.get_active()
    attractions = (
        AttractionPage.objects.filter(locale=active)
        .annotate(views=Coalesce(Subquery(views), 0))
        .filter(views__gt=0)
        .order_by("-views", "title")
        .values_list("title", "views")[:limit]
    )
    return [{"attraction": title, "views": n} for title, n in attractions]


def compute(period: Period) -> Figures:
    names = area_names()
    figures = Figures()
    figures.summary["targets"] = targets()
    figures.rows["ocop-stars"] = ocop_rows()
    figures.rows["orders-by-month"] = orders_by_month_rows(period)
    figures.rows["sales-by-area"] = sales_by_area_rows(period, names)
    figures.rows["scans-by-area"] = scans_by_area_rows(period, names)
    figures.rows["recalls"] = recall_rows(period)
    figures.rows["searches-without-results"] = zero_result_search_rows(period)
    figures.rows["top-attractions"] = top_attraction_rows(period)
    figures.summary["orders"] = sum(r["orders"] for r in figures.rows["orders-by-month"])
    figures.summary["sales"] = sum(r["sales"] for r in figures.rows["orders-by-month"])
    figures.summary["scans"] = sum(r["scans"] for r in figures.rows["scans-by-area"])
    figures.summary["alerts"] = sum(r["alerts"] for r in figures.rows["scans-by-area"])
    figures.summary["complaints"] = complaint_figures(period.start_at, period.end_before)
    return figures


def province_figures(period: Period) -> Figures:
    return cached(f"province:{period.key()}", lambda: compute(period))
