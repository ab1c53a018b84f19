"""What the tourism app adds to the site shell: the "nearby" panel and the home section."""

from django.template.loader import render_to_string
from django.utils import timezone

from portal.fragments import cached_fragment

from .nearby import nearby, point_of


def render_nearby(request, page) -> str:
    """Attractions, places, producers and products near any page with coordinates.
    The same for every visitor and costly (a distance query per kind): a cached fragment."""
    if page is None or not hasattr(page, "latitude"):
        return ""

    def build() -> str:
        point = point_of(page)  # a product's may be its producer's: a query, so inside
        if point is None:
            return ""
        items = nearby(point[0], point[1], page.locale, exclude=page)
        if not items:
            return ""
        return render_to_string("tourism/nearby_panel.html", {"items": items, "page": page}, request=request)

    return cached_fragment("nearby", (page.pk, request.get_host() if request else ""), build)


def home_section_context(request, home_page) -> dict:
    from .models import AttractionPage, EventPage
    from .services import tourism_index_for, upcoming_events

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
