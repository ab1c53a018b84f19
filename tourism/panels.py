"""What the tourism app adds to the site shell: the "nearby" panel and the home section."""

from django.template.loader import render_to_string
from django.utils import timezone
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


def home_section_context(request, home_page) -> dict:
    from .models import AttractionPage, EventPage, tourism_index_for, upcoming_events

    today = timezone.localdate()
    events = EventPage.objects.live().public().filter(locale=home_page.locale).select_related("image")
    attractions = (
        AttractionPage.objects.live()
        .public()
        .filter(locale=home_page.locale, is_featured=True)
        .select_related("image", "area")
        .order_by("title")[:4]
    )
    return {
        "upcoming": upcoming_events(events, today)[:4],
        "featured_attractions": attractions,
        "tourism_index": tourism_index_for(home_page.locale),
    }
