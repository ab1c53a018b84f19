"""Reviews on catalogue pages without catalogue importing orders: `{% load reviews %}`."""

from django import template
from django.urls import reverse

from ..models import LineStatus
from ..reviews import services
from ..reviews.models import Review

register = template.Library()


@register.inclusion_tag("orders/reviews/_product_reviews.html")
def product_reviews(page):
    """The average, the count and the newest reviews of the product (any of its languages)."""
    return {"page": page, **services.shown_reviews(page)}


@register.inclusion_tag("orders/reviews/_rating.html")
def producer_rating(page):
    """A producer's average over its products' visible reviews."""
    return services.producer_rating(page)


@register.simple_tag(takes_context=True)
def attach_review_links(context, lines, order) -> str:
    """Give each delivered line of the signed-in buyer's own order `review_url`, or
    `reviewed` when it has its review (one query for every line)."""
    user = context["request"].user
    if not user.is_authenticated or order.user_id != user.pk:
        return ""
    delivered = [line for line in lines if line.status == LineStatus.DELIVERED]
    reviewed = set(Review.objects.filter(line__in=delivered).values_list("line_id", flat=True)) if delivered else set()
    for line in delivered:
        line.reviewed = line.pk in reviewed
        if not line.reviewed:
            line.review_url = reverse("orders:review_line", kwargs={"code": order.code, "line_id": line.pk})
    return ""
