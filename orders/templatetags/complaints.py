"""Complaints on the buyer's order page and the business's line page: `{% load complaints %}`."""

from django import template
from django.urls import reverse

from ..complaints import services
from ..complaints.models import Case

register = template.Library()


def _own(context, order) -> bool:
    user = context["request"].user
    return user.is_authenticated and order.user_id == user.pk


@register.simple_tag(takes_context=True)
def attach_complaint_links(context, lines, order) -> str:
    """Give each line of the buyer's own order that may have a case now `complaint_url` (`?line=` preselects it)."""
    if not _own(context, order):
        return ""
    refusals = services.refusals_for(lines)
    for line in lines:
        if refusals[line.pk] is None:
            line.complaint_url = reverse("orders:complaint", kwargs={"code": order.code}) + f"?line={line.pk}"
    return ""


@register.inclusion_tag("orders/complaints/_order_cases.html", takes_context=True)
def order_cases(context, order, lines):
    """The buyer's cases on this order with their trail, and the forms to accept or dispute an answer."""
    if not _own(context, order):
        return {}
    by_pk = {line.pk: line for line in lines}  # already localised by the page
    cases = list(Case.objects.filter(line__order=order).prefetch_related("photos__image", "events"))
    for case in cases:
        case.line = by_pk.get(case.line_id) or case.line
    return {
        "order": order,
        "cases": cases,
        "can_open": any(getattr(line, "complaint_url", None) for line in lines),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("orders/complaints/_line_cases.html")
def line_cases(line):
    """A business's line page lists the cases on it, linked to its Complaints screen."""
    return {"cases": list(Case.objects.filter(line=line))}
