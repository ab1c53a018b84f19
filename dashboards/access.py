"""Who may see which dashboard.

The province dashboard: province staff (`catalogue.permissions.is_province_staff`) and anyone
given `dashboards.view_province_dashboard`. A business's dashboard: the producers the user
manages (`catalogue.permissions.producers_for_user`), or any producer for province staff.
"""

import logging

from catalogue.models import ProducerPage
from catalogue.permissions import is_province_staff, producers_for_user

security_log = logging.getLogger("xuthanh.security")

PROVINCE_PERMISSION = "dashboards.view_province_dashboard"


def can_view_province(user) -> bool:
    if is_province_staff(user):
        return True
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(PROVINCE_PERMISSION))


def own_producers(user) -> list[ProducerPage]:
    """The default-language producers this business user manages, by title."""
    return list(producers_for_user(user))


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
