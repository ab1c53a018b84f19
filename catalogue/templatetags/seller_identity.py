"""The "Seller" block of product and producer pages: who sells, in law (legal name,
registration number, registered address). Cached in the pages' fragments, which identity
changes drop (catalogue.identity.shown_changed)."""

from django import template

from catalogue import moderation_admin
from catalogue.identity import identity_for
from catalogue.models import Takedown
from catalogue.takedown import LISTING_KINDS

register = template.Library()


@register.inclusion_tag("catalogue/_seller_block.html")
def seller_block(producer):
    return {"identity": identity_for(producer)}


@register.inclusion_tag("catalogue/_report_link.html")
def report_listing_link(kind: str, listing):
    """A plain link to the report form (the form page carries its own CSRF token, so this link
    sits on cached pages safely)."""
    return {"kind": kind, "listing": listing, "known": kind in LISTING_KINDS}


@register.simple_tag
def takedown_reason(listing) -> str:
    """Why a moderator took this listing down ("" when it is not taken down)."""
    takedown = Takedown.objects.active().of(listing).first()
    return takedown.reason if takedown else ""


@register.simple_tag
def takedown_url(listing) -> str:
    """The admin's form to take this listing down with a reason."""
    return moderation_admin.takedown_url(listing)
