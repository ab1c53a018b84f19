from .common import MONTHS, MonthsField  # noqa: F401
from .events import CalendarKind, EventPage, Occurrence, events_calendar, upcoming_events  # noqa: F401
from .index import TourismIndexPage, tourism_index_for  # noqa: F401
from .itineraries import ItineraryPage, ItineraryStop  # noqa: F401
from .listings import AttractionPage, AttractionType, PlaceKind, PlacePage, PlaceSubtype  # noqa: F401
