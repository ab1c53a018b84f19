"""What the tourism app adds to the home page (a home section: tourism/wagtail_hooks.py):
the next festivals and featured attractions, each list one bounded query."""

from django.utils import timezone

from portal.visibility import public

from .models import AttractionPage, EventPage, TourismIndexPage, upcoming_events

SHOWN = 4
EVENT_FIELDS = (
    "title",
    "url_path",
    "calendar",
    "start_date",
    "end_date",
    "recurs_yearly",
    "lunar_month",
    "lunar_day",
    "lunar_year",
    "lunar_leap",
    "lunar_end_month",
    "lunar_end_day",
)


def home_section_context(request, home_page) -> dict:
    today = timezone.localdate()
    locale_id = home_page.locale_id
    # Only what the timeline shows and its dates need (an event's other columns are its page's).
    events = public(EventPage.objects.live()).filter(locale_id=locale_id).only(*EVENT_FIELDS)
    attractions = (
        public(AttractionPage.objects.live())
        .filter(locale_id=locale_id, is_featured=True)
        .select_related("image", "area")
        .order_by("title")[:SHOWN]
    )
    # By primary key: in Wagtail's path order `.first()` would walk the tree to the index.
    index = public(TourismIndexPage.objects.live()).filter(locale_id=locale_id).order_by("pk").first()
    return {
        "upcoming": upcoming_events(events, today)[:SHOWN],
        "featured_attractions": attractions,
        "tourism_index": index,
    }
