from .common import MONTHS, MonthsField  # noqa: F401
from .events import CalendarKind, EventPage, FestivalProduct, Occurrence, events_calendar, upcoming_events  # noqa: F401
from .index import TourismIndexPage, tourism_index_for  # noqa: F401
from .itineraries import ItineraryPage, ItineraryStop  # noqa: F401
from .listings import AttractionPage, AttractionType, PlaceKind, PlacePage, PlaceSubtype  # noqa: F401
from .trips import MAX_TRIP_DAYS, MAX_TRIP_STOPS, Trip, TripStop  # noqa: F401
