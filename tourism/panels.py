"""What the tourism app adds below pages: the "nearby" panel."""

from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject

from .nearby import nearby_page


def render_nearby(request, page) -> str:
    """Attractions, places, producers and products near any page with coordinates
    (tourism/nearby.html caches the panel with the page's cache_key)."""
    if page is None or not hasattr(page, "latitude"):
        return ""

    # Read only when the cached panel is missing.
    items = SimpleLazyObject(lambda: nearby_page(page))
    return render_to_string("tourism/nearby.html", {"page": page, "items": items}, request=request)
