"""Who may see which order lines: a business sees its own producers' lines; moderators all."""

import logging

from django.db.models import Q

from catalogue.models import ProducerPage

security_log = logging.getLogger("xuthanh.security")

MODERATORS_GROUP = "Moderators"


def is_order_manager(user) -> bool:
    """Superusers, province moderators and anyone given `orders.manage_all_orders`."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser or user.has_perm("orders.manage_all_orders"):
        return True
    return user.groups.filter(name=MODERATORS_GROUP).exists()


def producers_for_user(user):
    """The default-language ProducerPages whose subtree the user's groups hold page permissions on."""
    from wagtail.models import GroupPagePermission, Locale

    if not (user and user.is_authenticated and user.is_active):
        return ProducerPage.objects.none()
    cached = getattr(user, "_orders_producer_ids", None)
    if cached is None:
        paths = set(
            GroupPagePermission.objects.filter(group__user=user).values_list("page__path", flat=True).distinct()
        )
        if not paths:
            cached = []
        else:
            within = Q()
            for path in paths:
                within |= Q(path__startswith=path)
            keys = ProducerPage.objects.filter(within).values_list("translation_key", flat=True)
            cached = list(
                ProducerPage.objects.filter(translation_key__in=keys, locale=Locale.get_default()).values_list(
                    "pk", flat=True
                )
            )
        user._orders_producer_ids = cached
    return ProducerPage.objects.filter(pk__in=cached)


def can_handle_line(user, line) -> bool:
    if is_order_manager(user):
        return True
    return producers_for_user(user).filter(pk=line.producer_id).exists()


def can_handle_order(user, order) -> bool:
    """A moderator, or a business with at least one line in the order."""
    if is_order_manager(user):
        return True
    return order.lines.filter(producer__in=producers_for_user(user)).exists()
