"""The cart: variants from any number of producers, kept in the session (and, for a
signed-in shopper, in `SavedCart` so it is merged back at the next login)."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from catalogue.models import ProductVariant

from .delivery import Parcel, Quote, chosen_quote, is_perishable, quotes_by_producer
from .localisation import localise_cart_lines
from .models import SavedCart

SESSION_KEY = "cart"
MAX_QUANTITY_PER_LINE = 999
# The number of items, for the header's badge (orders/static/orders/cart-badge.js): pages come
# from the response cache with an empty badge, and the script fills it in from this cookie.
COUNT_COOKIE = "cart_count"
_COUNT_ATTR = "_xuthanh_cart_count"


@dataclass
class CartLine:
    variant: ProductVariant
    quantity: int
    # Titles in the shopper's language, set by `localise_cart_lines` (Cart.lines() does it).
    title: str = ""
    producer_title: str = ""

    @property
    def line_total(self) -> int:
        return self.variant.price * self.quantity

    @property
    def enough_stock(self) -> bool:
        return self.variant.is_active and self.variant.stock >= self.quantity


@dataclass
class ProducerGroup:
    """The lines of one producer: one parcel, one shipping fee."""

    producer: object
    lines: list[CartLine] = field(default_factory=list)
    # The ways this parcel can travel to the chosen province, and the one counted (orders.delivery).
    quotes: list[Quote] = field(default_factory=list)
    delivery: Quote | None = None

    @property
    def subtotal(self) -> int:
        return sum(line.line_total for line in self.lines)

    @property
    def shipping(self) -> int:
        return self.delivery.fee if self.delivery else 0

    @property
    def perishable(self) -> bool:
        return any(is_perishable(line.variant.product) for line in self.lines)

    @property
    def undeliverable(self) -> bool:
        return self.producer is not None and not self.quotes

    @property
    def title(self) -> str:
        """The producer's name in the shopper's language."""
        if self.lines and self.lines[0].producer_title:
            return self.lines[0].producer_title
        return self.producer.title if self.producer is not None else ""


def parse_quantity(raw) -> int:
    try:
        quantity = int(str(raw).strip())
    except (TypeError, ValueError):
        raise ValidationError(_("Enter a whole number of items."), code="quantity_invalid")
    if quantity < 0 or quantity > MAX_QUANTITY_PER_LINE:
        raise ValidationError(
            _("Enter a quantity between 1 and %(max)s.") % {"max": MAX_QUANTITY_PER_LINE}, code="quantity_range"
        )
    return quantity


class Cart:
    def __init__(self, request):
        self.request = request
        self.session = request.session
        raw = self.session.get(SESSION_KEY) or {}
        self.items: dict[str, int] = {str(k): int(v) for k, v in raw.items() if str(k).isdigit() and int(v) > 0}

    # --- changes -------------------------------------------------------------------------

    def add(self, variant: ProductVariant, quantity: int) -> int:
        """Add up to what is in stock; returns the quantity now in the cart."""
        wanted = self.items.get(str(variant.pk), 0) + quantity
        return self.set(variant, wanted)

    def set(self, variant: ProductVariant, quantity: int) -> int:
        quantity = max(0, min(quantity, variant.stock if variant.is_active else 0, MAX_QUANTITY_PER_LINE))
        if quantity:
            self.items[str(variant.pk)] = quantity
        else:
            self.items.pop(str(variant.pk), None)
        self.save()
        return quantity

    def remove(self, variant_id: int) -> None:
        self.items.pop(str(variant_id), None)
        self.save()

    def drop_unsaleable(self) -> None:
        """Remove the variants that are no longer on sale (unpublished, hidden, deleted)."""
        ids = ProductVariant.objects.on_sale().filter(pk__in=[int(k) for k in self.items]).values_list("pk", flat=True)
        on_sale = {str(pk) for pk in ids}
        kept = {k: q for k, q in self.items.items() if k in on_sale}
        if kept != self.items:
            self.items = kept
            self.save()

    def clear(self) -> None:
        self.items = {}
        self.save()

    def note_count(self) -> None:
        """Have this request's response set the badge's cookie (CartCountCookieMiddleware)."""
        setattr(self.request, _COUNT_ATTR, len(self))

    def save(self) -> None:
        self.session[SESSION_KEY] = self.items
        self.session.modified = True
        self.note_count()
        user = getattr(self.request, "user", None)
        if user is not None and user.is_authenticated:
            SavedCart.objects.update_or_create(user=user, defaults={"items": self.items})

    # --- reading -------------------------------------------------------------------------

    def __len__(self) -> int:
        return sum(self.items.values())

    def lines(self) -> list[CartLine]:
        ids = [int(k) for k in self.items]
        # A product unpublished since it was put in the cart drops out of it (as a deleted one does).
        variants = (
            ProductVariant.objects.of_live_products().filter(pk__in=ids).select_related("product", "product__producer")
        )
        lines = [CartLine(v, self.items[str(v.pk)]) for v in sorted(variants, key=lambda v: v.pk)]
        return localise_cart_lines(lines)

    def groups(self, province_code: int | None = None, choices: dict[int, str] | None = None) -> list[ProducerGroup]:
        """The lines by business, each with its delivery quotes to the province and the one
        counted: `choices` ({producer id: quote key}, from checkout) or the default."""
        groups: dict[int, ProducerGroup] = {}
        for line in self.lines():
            producer = line.variant.product.producer
            key = producer.pk if producer else 0
            groups.setdefault(key, ProducerGroup(producer)).lines.append(line)
        result = sorted(groups.values(), key=lambda g: g.title)
        parcels = {g.producer.pk: Parcel(g.subtotal, g.perishable) for g in result if g.producer is not None}
        quotes = quotes_by_producer(parcels, province_code or settings.PROVINCE_CODE)
        for group in result:
            if group.producer is not None:
                group.quotes = quotes[group.producer.pk]
                group.delivery = chosen_quote(group.quotes, (choices or {}).get(group.producer.pk))
        return result


def merge_saved_cart(request, user) -> None:
    """At login: the larger quantity of each variant from the session cart and the saved cart."""
    saved = SavedCart.objects.filter(user=user).first()
    cart = Cart(request)
    merged = dict(cart.items)
    for key, quantity in (saved.items if saved else {}).items():
        if str(key).isdigit():
            merged[str(key)] = max(merged.get(str(key), 0), int(quantity))
    if not merged and saved is None:
        return
    variants = ProductVariant.objects.on_sale().filter(pk__in=[int(k) for k in merged])
    stock = {str(v.pk): v.stock for v in variants}
    cart.items = {k: min(q, stock.get(k, 0)) for k, q in merged.items() if min(q, stock.get(k, 0)) > 0}
    cart.save()


class CartCountCookieMiddleware:
    """Sets the badge's cookie on the response of a request that changed (or showed) the cart;
    an empty cart deletes it. Its life is the session's, whose cart it counts."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        count = getattr(request, _COUNT_ATTR, None)
        if count:
            response.set_cookie(
                COUNT_COOKIE,
                str(count),
                max_age=settings.SESSION_COOKIE_AGE,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        elif count == 0 and COUNT_COOKIE in request.COOKIES:
            response.delete_cookie(COUNT_COOKIE, samesite="Lax")
        return response
