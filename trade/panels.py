"""What the board adds to the home page: the newest open offers and requests."""

from .labels import area_labels, category_labels, label_posts
from .models import Offer, Request

HOME_ITEMS = 3


def home_section_context(request, home_page) -> dict:
    categories, areas = category_labels(), area_labels()
    offers = Offer.objects.open().with_related().prefetch_related("photos__image").order_by("-published_at")
    offers = list(offers[:HOME_ITEMS])
    requests = list(Request.objects.open().with_related().order_by("-published_at")[:HOME_ITEMS])
    return {
        "offers": label_posts(offers, categories, areas),
        "requests": label_posts(requests, categories, areas),
    }
