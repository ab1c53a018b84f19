"""One business's own figures. Every query is filtered by the business's translation key,
so nothing of any other business can appear."""

from django.conf import settings
from django.db.models import Count, F, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from ..periods import Period
from .common import (
    Column,
    Figures,
    TableSpec,
    area_names,
    as_date,
    cached,
    days_of,
    trunc_day,
    trunc_week,
    weeks_of,
)
from .province import scan_area_expression

LIST_LIMIT = 50


def low_stock_threshold() -> int:
    return getattr(settings, "DASHBOARDS_LOW_STOCK", 5)


TABLES = (
    TableSpec(
        "views-by-day",
        _("Views of your product pages by day"),
        (Column("day", _("Day")), Column("views", _("Page views"), "number")),
        chart="line",
        chart_field="views",
        description=_("Views of your product pages in every language, page-cache hits included."),
    ),
    TableSpec(
        "views-by-product",
        _("Views by product"),
        (Column("product", _("Product")), Column("views", _("Page views"), "number")),
        chart="bar",
        chart_field="views",
    ),
    TableSpec(
        "scans-by-day",
        _("QR scans by day"),
        (Column("day", _("Day")), Column("scans", _("Scans"), "number")),
        chart="line",
        chart_field="scans",
    ),
    TableSpec(
        "scans-by-area",
        _("QR scans by area"),
        (Column("area", _("Area")), Column("scans", _("Scans"), "number")),
        chart="bar",
        chart_field="scans",
        description=_("Scans store no position; each counts toward the area its batch comes from."),
    ),
    TableSpec(
        "alerts",
        _("Counterfeit alerts"),
        (
            Column("raised", _("Raised")),
            Column("product", _("Product")),
            Column("lot", _("Lot")),
            Column("kind", _("Type of alert")),
            Column("scans", _("Scans"), "number"),
            Column("devices", _("Distinct devices"), "number"),
            Column("status", _("Status")),
        ),
    ),
    TableSpec(
        "orders-by-week",
        _("Orders and revenue by week"),
        (
            Column("week", _("Week starting")),
            Column("orders", _("Orders"), "number"),
            Column("revenue", _("Revenue (đồng)"), "money"),
        ),
        chart="bar",
        chart_field="revenue",
        description=_("Confirmed orders with your goods; revenue is your lines' value, cancelled lines left out."),
    ),
    TableSpec(
        "to-pack",
        _("Order lines waiting to be packed"),
        (
            Column("order", _("Order")),
            Column("placed", _("Placed")),
            Column("product", _("Product")),
            Column("variant", _("Variant")),
            Column("quantity", _("Quantity"), "number"),
        ),
    ),
    TableSpec(
        "low-stock",
        _("Low stock"),
        (
            Column("product", _("Product")),
            Column("variant", _("Variant")),
            Column("sku", _("SKU")),
            Column("stock", _("Stock"), "number"),
        ),
    ),
    TableSpec(
        "open-posts",
        _("Open board posts"),
        (
            Column("kind", _("Kind")),
            Column("title", _("Title")),
            Column("until", _("Until")),
            Column("inquiries", _("Inquiries"), "number"),
        ),
    ),
    TableSpec(
        "unanswered-inquiries",
        _("Unanswered inquiries"),
        (Column("received", _("Received")), Column("post", _("About")), Column("message", _("Message"))),
    ),
)
TABLES_BY_KEY = {t.key: t for t in TABLES}


def _local(dt) -> str:
    return timezone.localtime(dt).strftime("%Y-%m-%d %H:%M")


def views_rows(key, period: Period) -> tuple[list[dict], list[dict]]:
    from catalogue.models import ProductPage

    from ..models import PageViewCount

    own = PageViewCount.objects.filter(
        page__in=ProductPage.objects.filter(producer__translation_key=key).values("pk"),
        date__gte=period.start,
        date__lte=period.end,
    )
    by_day = dict(own.order_by().values_list("date").annotate(n=Sum("views")).values_list("date", "n"))
    days = [{"day": d.isoformat(), "views": by_day.get(d, 0)} for d in days_of(period)]
    by_key = dict(
        own.order_by()
        .values_list("page__translation_key")
        .annotate(n=Sum("views"))
        .values_list("page__translation_key", "n")
    )
    titles = dict(
        ProductPage.objects.filter(translation_key__in=list(by_key), locale=Locale.get_active()).values_list(
            "translation_key", "title"
        )
    )
    products = [{"product": titles.get(k, "?"), "views": n} for k, n in by_key.items()]
    products.sort(key=lambda r: (-r["views"], r["product"]))
    return days, products[:LIST_LIMIT]


def scans_rows(key, period: Period, names: dict) -> tuple[list[dict], list[dict]]:
    from traceability.models import Scan

    own = Scan.objects.filter(
        batch__producer__translation_key=key, scanned_at__gte=period.start_at, scanned_at__lt=period.end_before
    )
    by_day = {
        as_date(row["day"]): row["n"]
        for row in own.annotate(day=trunc_day("scanned_at")).order_by().values("day").annotate(n=Count("pk"))
    }
    days = [{"day": d.isoformat(), "scans": by_day.get(d, 0)} for d in days_of(period)]
    areas = [
        {"area": names.get(row["area_slug"], str(_("No area"))), "scans": row["n"]}
        for row in own.annotate(area_slug=scan_area_expression()).order_by().values("area_slug").annotate(n=Count("pk"))
    ]
    areas.sort(key=lambda r: (-r["scans"], r["area"]))
    return days, areas


def alert_rows(key, period: Period) -> tuple[list[dict], int, int]:
    from traceability.models import ScanAlert

    alerts = ScanAlert.objects.filter(
        batch__producer__translation_key=key, created_at__gte=period.start_at, created_at__lt=period.end_before
    ).select_related("batch__product")
    open_count = ScanAlert.objects.filter(batch__producer__translation_key=key, resolved=False).count()
    rows = [
        {
            "raised": _local(a.created_at),
            "product": a.batch.product.title,
            "lot": a.batch.lot_number,
            "kind": str(a.get_kind_display()),
            "scans": a.scan_count,
            "devices": a.distinct_clients,
            "status": str(_("Resolved") if a.resolved else _("Open")),
        }
        for a in alerts.order_by("-created_at", "-pk")[:LIST_LIMIT]
    ]
    return rows, alerts.count(), open_count


def order_rows(key, period: Period) -> list[dict]:
    from orders.models import LineStatus, OrderLine, OrderStatus

    lines = OrderLine.objects.filter(
        producer__translation_key=key,
        order__status=OrderStatus.CONFIRMED,
        order__created_at__gte=period.start_at,
        order__created_at__lt=period.end_before,
    ).exclude(status=LineStatus.CANCELLED)
    found = {
        as_date(row["week"]): row
        for row in lines.annotate(week=trunc_week("order__created_at"))
        .order_by()
        .values("week")
        .annotate(orders=Count("order", distinct=True), revenue=Sum(F("unit_price") * F("quantity")))
    }
    return [
        {
            "week": monday.isoformat(),
            "orders": found.get(monday, {}).get("orders", 0),
            "revenue": found.get(monday, {}).get("revenue") or 0,
        }
        for monday in weeks_of(period)
    ]


def to_pack_rows(key) -> tuple[list[dict], int]:
    """Lines of paid (or cash-on-delivery) orders still pending: the packing list, oldest first."""
    from orders.models import LineStatus, OrderLine, OrderStatus

    pending = OrderLine.objects.filter(
        producer__translation_key=key, status=LineStatus.PENDING, order__status=OrderStatus.CONFIRMED
    )
    rows = [
        {
            "order": line.order.code,
            "placed": _local(line.order.created_at),
            "product": line.product_title,
            "variant": line.variant_name,
            "quantity": line.quantity,
            "link": reverse("orders_line:edit", args=[line.pk]),  # the line, to pack it
        }
        for line in pending.select_related("order").order_by("order__created_at", "pk")[:LIST_LIMIT]
    ]
    return rows, pending.count()


def low_stock_rows(key) -> tuple[list[dict], int]:
    from catalogue.models import ProductVariant

    low = ProductVariant.objects.filter(
        product__producer__translation_key=key,
        product__locale=Locale.get_default(),
        is_active=True,
        stock__lte=low_stock_threshold(),
    )
    rows = [
        {"product": v.product.title, "variant": v.name, "sku": v.sku, "stock": v.stock}
        for v in low.select_related("product").order_by("stock", "product__title", "sku")[:LIST_LIMIT]
    ]
    return rows, low.count()


def open_post_rows(key) -> list[dict]:
    from trade.models import Offer, Request

    rows = []
    for model, kind in ((Offer, _("Offer")), (Request, _("Request to buy"))):
        posts = model.objects.open().filter(producer__translation_key=key).annotate(n=Count("inquiries"))
        for post in posts.order_by(model.END_DATE_FIELD, "pk")[:LIST_LIMIT]:
            rows.append(
                {
                    "kind": str(kind),
                    "title": post.display_title,
                    "until": post.end_date.isoformat(),
                    "inquiries": post.n,
                }
            )
    rows.sort(key=lambda r: (r["until"], r["title"]))
    return rows


def unanswered_rows(key) -> tuple[list[dict], int]:
    from trade.models import Inquiry

    waiting = Inquiry.objects.filter(answered_at__isnull=True).filter(
        Q(offer__producer__translation_key=key) | Q(request__producer__translation_key=key)
    )
    rows = [
        {
            "received": _local(i.created_at),
            "post": i.post.display_title,
            "message": i.message[:200],
        }
        for i in waiting.select_related("offer", "request").order_by("created_at", "pk")[:LIST_LIMIT]
    ]
    return rows, waiting.count()


def compute(producer, period: Period) -> Figures:
    key = producer.translation_key
    names = area_names()
    figures = Figures()
    rows = figures.rows
    rows["views-by-day"], rows["views-by-product"] = views_rows(key, period)
    rows["scans-by-day"], rows["scans-by-area"] = scans_rows(key, period, names)
    rows["alerts"], alerts_in_period, open_alerts = alert_rows(key, period)
    rows["orders-by-week"] = order_rows(key, period)
    rows["to-pack"], to_pack = to_pack_rows(key)
    rows["low-stock"], low_stock = low_stock_rows(key)
    rows["open-posts"] = open_post_rows(key)
    rows["unanswered-inquiries"], unanswered = unanswered_rows(key)
    figures.summary = {
        "views": sum(r["views"] for r in rows["views-by-day"]),
        "scans": sum(r["scans"] for r in rows["scans-by-day"]),
        "alerts": alerts_in_period,
        "open_alerts": open_alerts,
        "orders": sum(r["orders"] for r in rows["orders-by-week"]),
        "revenue": sum(r["revenue"] for r in rows["orders-by-week"]),
        "to_pack": to_pack,
        "low_stock": low_stock,
        "low_stock_threshold": low_stock_threshold(),
        "open_posts": len(rows["open-posts"]),
        "unanswered": unanswered,
    }
    return figures


def business_figures(producer, period: Period) -> Figures:
    return cached(f"business:{producer.translation_key}:{period.key()}", lambda: compute(producer, period))
