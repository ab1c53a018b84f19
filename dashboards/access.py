"""Who may see which dashboard.

The province dashboard: superusers, the "Moderators" and "Province staff" groups, and anyone
given `dashboards.view_province_dashboard`. A business's dashboard: the producers whose page
subtree the user's groups hold permissions on (the same rule as the orders app, whose helper
we reuse), or any producer for province staff.
"""

import logging

from catalogue.models import ProducerPage
from orders.permissions import producers_for_user as _own_producers

security_log = logging.getLogger("xuthanh.security")

PROVINCE_GROUPS = ("Moderators", "Province staff")
PROVINCE_PERMISSION = "dashboards.view_province_dashboard"


def can_view_province(user) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser or user.has_perm(PROVINCE_PERMISSION):
        return True
    # Asked by the menu, the home panels and the view in one request: remember it on the user.
    cached = getattr(user, "_dashboards_province", None)
    if cached is None:
        cached = user.groups.filter(name__in=PROVINCE_GROUPS).exists()
        user._dashboards_province = cached
    return cached


def own_producers(user) -> list[ProducerPage]:
    """The default-language producers this business user manages, by title."""
    return list(_own_producers(user).order_by("title"))


class Refused(Exception):
    """Raised when a user may not see what they asked for; the view answers 403."""


def refuse(request, reason: str) -> Refused:
    """Log the attempt to the security log and return the exception to raise."""
    user = request.user
    security_log.warning(
        "Dashboard refused: %s %s for user %r (id %s): %s",
        request.method,
        request.get_full_path(),
        getattr(user, "username", None),
        getattr(user, "pk", None),
        reason,
    )
    return Refused(reason)


def business_for_request(request) -> tuple[ProducerPage | None, list[ProducerPage]]:
    """(the producer whose figures to show, the producers the user may choose from).

    `?producer=<id>` picks one; a business asking for a producer that is not its own gets a
    403 (logged). Province staff may open any producer's dashboard.
    """
    from wagtail.models import Locale

    user = request.user
    province = can_view_province(user)
    # Moderators often hold page permissions over every producer: they choose from the full list.
    choices = [] if province else own_producers(user)
    wanted = request.GET.get("producer", "").strip()
    if not wanted:
        if choices:
            return choices[0], choices
        if province:
            return None, []
        raise refuse(request, "not a business user")
    if not wanted.isdigit():
        raise refuse(request, f"malformed producer {wanted!r}")
    for producer in choices:
        if producer.pk == int(wanted):
            return producer, choices
    if province:
        producer = ProducerPage.objects.filter(pk=int(wanted), locale=Locale.get_default()).first()
        if producer is not None:
            return producer, choices
    raise refuse(request, f"producer {wanted} is not the user's own")
