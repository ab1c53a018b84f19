"""What a business may see of its buyer: the one rule for every screen, slip, export and e-mail.

A business sees the buyer's name, phone, e-mail, address and delivery note only for an order
in which it has lines, and only while one of its lines there is open or until
BUYER_CONTACT_DAYS_AFTER_DELIVERY days after the last of them was delivered or cancelled
(what it needs to deliver, answer a complaint or a return). After that it sees the name's
initials and "hidden after delivery (personal data)". Once the buyer has deleted their
account (`Order.personal_data_retained_until` set), phone and e-mail are gone for everyone
and the name and address are kept only for accounting.

Moderators and province staff keep access to every order (they handle complaints, refunds
and recalls for the province): `full_access`.

The company invoice details are the business's accounting records, shown on its lines
whatever the window; only the invoice e-mail (often a person's) follows the buyer's contact.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.permissions import is_province_staff

from .models import LineStatus
from .permissions import is_order_manager, producers_for_user

CLOSED = (LineStatus.DELIVERED, LineStatus.CANCELLED)
HIDDEN = _("hidden after delivery (personal data)")


@dataclass(frozen=True)
class BuyerContact:
    """The buyer's details as this viewer may see them; empty strings are not shown."""

    name: str
    phone: str = ""
    email: str = ""
    address: str = ""
    note: str = ""
    invoice_email: str = ""
    hidden: bool = False  # past the window: the screens say HIDDEN instead
    visible_until: datetime | None = None  # None while a line is open (or for full access)

    hidden_label = HIDDEN


def full_access(user) -> bool:
    """Moderators, order managers and province staff see every buyer's details."""
    return is_order_manager(user) or is_province_staff(user)


def initials(name: str) -> str:
    """'Nguyễn Văn An' → 'N. V. A.'"""
    return " ".join(f"{word[0].upper()}." for word in name.split() if word[:1].isalpha())


def visible_until(line_states) -> datetime | None:
    """When the contact stops being shown, from the viewer's own lines of one order as
    (status, status_changed_at) pairs: None while any is open; raises on no lines."""
    states = list(line_states)
    if not states:
        raise ValueError("a business with no line in the order sees nothing of its buyer")
    if any(status not in CLOSED for status, _changed in states):
        return None
    last_closed = max(changed for _status, changed in states)
    return last_closed + timedelta(days=settings.BUYER_CONTACT_DAYS_AFTER_DELIVERY)


def buyer_contact(order, own_line_states, *, staff: bool = False, now=None) -> BuyerContact | None:
    """The buyer of `order` as seen by a business whose lines in it are `own_line_states`
    ((status, status_changed_at) pairs), or by staff. None when the business has no line there."""
    retained = order.personal_data_retained_until is not None
    phone, email = ("", "") if retained else (order.phone, order.email)
    invoice_email = "" if retained else order.invoice_email
    if staff:
        return BuyerContact(order.name, phone, email, order.address_display, order.note, invoice_email)
    states = list(own_line_states)
    if not states:
        return None
    until = visible_until(states)
    if until is not None and (now or timezone.now()) >= until:
        return BuyerContact(initials(order.name), hidden=True, visible_until=until)
    return BuyerContact(order.name, phone, email, order.address_display, order.note, invoice_email, False, until)


def line_states(lines) -> list[tuple[str, datetime]]:
    return [(line.status, line.status_changed_at) for line in lines]


def line_states_by_order(lines_queryset, order_ids=None) -> dict[int, list[tuple[str, datetime]]]:
    """One query: the (status, status_changed_at) of each line of the queryset, by order."""
    if order_ids is not None:
        lines_queryset = lines_queryset.filter(order_id__in=order_ids)
    states = defaultdict(list)
    for order_id, status, changed in lines_queryset.order_by().values_list("order_id", "status", "status_changed_at"):
        states[order_id].append((status, changed))
    return states


def buyer_contact_for(order, user, *, now=None) -> BuyerContact | None:
    """The buyer of `order` as `user` may see them: staff fully; a business by its own lines
    there (None when it has none: another business's order)."""
    if full_access(user):
        return buyer_contact(order, [], staff=True, now=now)
    own = order.lines.filter(producer__in=producers_for_user(user))
    return buyer_contact(order, line_states(own), now=now)
