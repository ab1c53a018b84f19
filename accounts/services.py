"""Accounts: phone numbers, claiming guest orders, saved addresses, favourites, an order's timeline."""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from orders.models import LineStatus, Order, OrderEvent
from portal.phones import normalise_phone

from .models import AccountPhone, Address, Favourite
from .signals import phone_verified

# How many favourites one browser may hand over at once (the list the script keeps).
MAX_FAVOURITES_MERGED = 200


def clean_phone(raw: str) -> str:
    """The stored form of a phone number, or the input itself when it is not a Vietnamese number."""
    try:
        return normalise_phone(raw)
    except ValidationError:
        return raw


def phone_of(user) -> AccountPhone | None:
    return AccountPhone.objects.filter(user=user).first()


def set_phone(user, phone: str, verified: bool) -> AccountPhone:
    """Give the account this phone number (a new number starts unverified unless `verified`)."""
    phone = clean_phone(phone)
    record, _created = AccountPhone.objects.update_or_create(
        user=user, defaults={"phone": phone, "verified_at": timezone.now() if verified else None}
    )
    if verified:
        phone_verified.send(sender=AccountPhone, user=user, phone=phone)
    return record


def mark_phone_verified(user, phone: str) -> None:
    """A code sent to `phone` came back: the number is the account's, verified (sends `phone_verified`)."""
    phone = clean_phone(phone)
    updated = AccountPhone.objects.filter(user=user, phone=phone).update(verified_at=timezone.now())
    if updated:
        phone_verified.send(sender=AccountPhone, user=user, phone=phone)


def user_by_phone(phone: str):
    record = AccountPhone.objects.filter(phone=clean_phone(phone)).select_related("user").first()
    return record.user if record else None


def claim_guest_orders(user) -> int:
    """Link orders placed without an account to `user` when the account's phone is verified and is
    the orders' phone. An unverified phone claims nothing: anyone can type any number."""
    record = phone_of(user)
    if record is None or not record.verified:
        return 0
    return Order.objects.filter(user__isnull=True, phone=record.phone).update(user=user)


def orders_of(user):
    """The user's orders, newest first."""
    return Order.objects.filter(user=user).order_by("-created_at")


def order_of(user, code: str) -> Order | None:
    return Order.objects.filter(user=user, code=code).first() if user.is_authenticated else None


# --- Saved addresses -------------------------------------------------------------------


def save_address(address: Address) -> Address:
    """Save an address; the default one is the only default (and the first one saved is the default)."""
    with transaction.atomic():
        if not Address.objects.filter(user=address.user).exclude(pk=address.pk).exists():
            address.is_default = True
        address.save()
        if address.is_default:
            Address.objects.filter(user=address.user, is_default=True).exclude(pk=address.pk).update(is_default=False)
    return address


def address_initial(user, pk=None) -> dict:
    """Checkout's fields filled from a saved address (`pk`, else the default one); {} when there is none."""
    if not getattr(user, "is_authenticated", False):
        return {}
    addresses = Address.objects.of(user)
    address = addresses.filter(pk=pk).first() if str(pk or "").isdigit() else addresses.first()
    if address is None:
        return {}
    return {
        "name": address.name,
        "phone": address.phone,
        "province": address.province_code,
        "ward": address.ward_code,
        "street": address.street,
    }


def delete_address(address: Address) -> None:
    with transaction.atomic():
        was_default = address.is_default
        user = address.user
        address.delete()
        if was_default:
            following = Address.objects.of(user).first()
            if following:
                following.is_default = True
                following.save(update_fields=["is_default"])


# --- Favourites ------------------------------------------------------------------------


def favourite_pages():
    """The pages one may save: live products, attractions and places (any live public page)."""
    return Page.objects.live().public()


def toggle_favourite(user, page: Page) -> bool:
    """Save the page to the user's favourites, or remove it if it was saved; True when now saved."""
    deleted, _detail = Favourite.objects.filter(user=user, page=page).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Favourite.objects.create(user=user, page=page)
    except IntegrityError:  # saved meanwhile by another request
        pass
    return True


def merge_favourites(user, page_ids) -> int:
    """Move the browser's list (page ids) into the account; unknown or unpublished pages are
    ignored. Returns how many were added."""
    wanted = set()
    for value in list(page_ids)[:MAX_FAVOURITES_MERGED]:
        try:
            wanted.add(int(value))
        except (TypeError, ValueError):
            continue
    pages = set(favourite_pages().filter(pk__in=wanted).values_list("pk", flat=True))
    new = pages - set(Favourite.objects.filter(user=user, page_id__in=pages).values_list("page_id", flat=True))
    Favourite.objects.bulk_create([Favourite(user=user, page_id=pk) for pk in new], ignore_conflicts=True)
    return len(new)


def favourites_of(user) -> list[Page]:
    """The user's saved pages, newest first, as their specific types (live ones only)."""
    page_ids = list(Favourite.objects.filter(user=user).values_list("page_id", flat=True))
    pages = {p.pk: p for p in favourite_pages().filter(pk__in=page_ids).specific()}
    return [pages[pk] for pk in page_ids if pk in pages]


# --- An order's timeline ---------------------------------------------------------------


@dataclass
class TimelineEntry:
    when: datetime
    title: str
    details: list[str] = field(default_factory=list)


# Line statuses in the order a parcel goes through them, and how the timeline names each.
LINE_STEPS = (LineStatus.PACKED, LineStatus.SHIPPED, LineStatus.DELIVERED, LineStatus.CANCELLED)


def _line_step_title(status: str, producer: str) -> str:
    return {
        LineStatus.PACKED: _("Packed by %(business)s"),
        LineStatus.SHIPPED: _("Shipped by %(business)s"),
        LineStatus.DELIVERED: _("Delivered from %(business)s"),
        LineStatus.CANCELLED: _("Cancelled by %(business)s"),
    }[status] % {"business": producer}


def order_timeline(order: Order, lines) -> list[TimelineEntry]:
    """What happened to the order, oldest first: placed, paid, each business's items packed,
    shipped (with carrier and tracking number), delivered or cancelled, refunds, cancellation.

    Built from the order's events (OrderEvent) and, for lines moved before events named their
    line, from each line's own status timestamp. `lines`: the order's lines, localised.
    """
    entries: list[TimelineEntry] = []
    order_titles = {
        OrderEvent.Kind.PLACED: _("Order placed"),
        OrderEvent.Kind.PAID: _("Payment received"),
        OrderEvent.Kind.REFUNDED: _("Refunded"),
        OrderEvent.Kind.CANCELLED: _("Order cancelled"),
        OrderEvent.Kind.EXPIRED: _("Order expired (not paid in time)"),
    }
    # (producer id, status) → the earliest time one of that business's lines reached it, and the lines.
    steps: dict[tuple[int, str], dict] = {}
    by_pk = {line.pk: line for line in lines}
    seen_lines: set[tuple[int, str]] = set()
    for event in order.events.all():
        if event.kind in order_titles:
            entries.append(TimelineEntry(event.created_at, str(order_titles[event.kind])))
        elif event.kind == OrderEvent.Kind.LINE_STATUS and event.line_id in by_pk and event.line_status:
            _add_step(steps, by_pk[event.line_id], event.line_status, event.created_at)
            seen_lines.add((event.line_id, event.line_status))
    for line in lines:
        if line.status in LINE_STEPS and (line.pk, line.status) not in seen_lines:
            _add_step(steps, line, line.status, line.status_changed_at)
    for (_producer, status), step in steps.items():
        details = [f"{line.display_title} — {line.display_variant_name} × {line.quantity}" for line in step["lines"]]
        if status == LineStatus.SHIPPED:
            details += _shipment_details(step["lines"])
        entries.append(TimelineEntry(step["when"], _line_step_title(status, step["producer"]), details))
    entries.sort(key=lambda entry: entry.when)
    return entries


def _add_step(steps, line, status, when) -> None:
    step = steps.setdefault((line.producer_id, status), {"when": when, "producer": line.display_producer, "lines": []})
    step["when"] = min(step["when"], when)
    if line not in step["lines"]:
        step["lines"].append(line)


def _shipment_details(lines) -> list[str]:
    found = []
    for line in lines:
        if line.carrier or line.tracking_number:
            text = _("Carrier: %(carrier)s · tracking number: %(number)s") % {
                "carrier": line.carrier or "—",
                "number": line.tracking_number or "—",
            }
            if text not in found:
                found.append(text)
    return found
