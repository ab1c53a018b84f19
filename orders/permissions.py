"""Who may see which order lines: a business sees its own producers' lines; moderators all."""

import logging

from catalogue.permissions import is_moderator, producers_for_user

security_log = logging.getLogger("xuthanh.security")


def is_order_manager(user) -> bool:
    """Superusers, province moderators and anyone given `orders.manage_all_orders`."""
    if is_moderator(user):
        return True
    return bool(user and user.is_authenticated and user.is_active and user.has_perm("orders.manage_all_orders"))


# The marketplace's own accountants: they confirm bank transfers and cash without moderating.
FINANCE_GROUP = "Finance"


def can_confirm_payment(user) -> bool:
    """Transfers (VietQR) land in the marketplace's account, so only its staff confirm them:
    order managers (superusers, moderators, `orders.manage_all_orders`) and the finance group.
    A business never does, not even for its own lines."""
    if is_order_manager(user):
        return True
    return bool(user and user.is_authenticated and user.is_active and user.groups.filter(name=FINANCE_GROUP).exists())


def can_handle_line(user, line) -> bool:
    if is_order_manager(user):
        return True
    return producers_for_user(user).filter(pk=line.producer_id).exists()


def can_handle_order(user, order) -> bool:
    """A moderator, or a business with at least one line in the order."""
    if is_order_manager(user):
        return True
    return order.lines.filter(producer__in=producers_for_user(user)).exists()
