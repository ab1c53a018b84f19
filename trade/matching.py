"""Ranking the other side of the board for a post.

`score_pair(offer, request)` gives a number from 0 to 1, the weighted sum of five parts,
each itself from 0 to 1:

| part      | weight | 1.0 when…                                   | falls to 0 when…                               |
|-----------|--------|---------------------------------------------|------------------------------------------------|
| category  | 0.35   | both posts have the same category            | the categories differ (0.3 if one has none)    |
| quantity  | 0.20   | the offer covers the request and the request  | the covered share; units that cannot be        |
|           |        | reaches the offer's minimum order             | compared (kg↔tonne can) → 0.3, unknown         |
| price     | 0.20   | the offer asks no more than the target price  | the offer asks 50% more; negotiable → 0.5      |
| distance  | 0.15   | the offer is at the delivery place           | 300 km apart; unknown place → 0.5              |
| dates     | 0.10   | the offer's availability overlaps the request | the gap is 30 days or more                     |

Category weighs most because a buyer of pomelos is not helped by cheap fish sauce: when
both posts name a category and they differ, the whole score is also halved
(`CATEGORY_MISMATCH_FACTOR`), so another category never looks like a good match. Price and
quantity come next; distance and dates refine the order among good candidates. A match
of `NOTIFY_THRESHOLD` or more is worth an e-mail; the post's page lists matches of
`MIN_SHOWN_SCORE` or more.
"""

from dataclasses import dataclass
from decimal import Decimal

from portal.places import distance_km

from .models import Offer, Request, unit_family

WEIGHTS = {"category": 0.35, "quantity": 0.20, "price": 0.20, "distance": 0.15, "dates": 0.10}
NOTIFY_THRESHOLD = 0.75
MIN_SHOWN_SCORE = 0.35
CATEGORY_MISMATCH_FACTOR = 0.5
UNKNOWN_FIT = 0.3
DISTANCE_ZERO_KM = 300.0
PRICE_ZERO_EXCESS = 0.5  # 50% above the target price scores 0
DATE_ZERO_GAP_DAYS = 30
CANDIDATE_LIMIT = 500  # the newest open posts on the other side that are scored


@dataclass(frozen=True)
class Match:
    post: Offer | Request
    score: float
    parts: dict

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def category_fit(offer: Offer, request: Request) -> float:
    if offer.category_id and request.category_id:
        return 1.0 if offer.category_id == request.category_id else 0.0
    return UNKNOWN_FIT


def quantity_fit(offer: Offer, request: Request) -> float:
    offer_family, offer_factor = unit_family(offer.unit)
    request_family, request_factor = unit_family(request.unit)
    if offer_family != request_family:
        return UNKNOWN_FIT
    available = Decimal(offer.quantity) * offer_factor
    wanted = Decimal(request.quantity) * request_factor
    if available <= 0 or wanted <= 0:
        return 0.0
    fit = min(Decimal(1), available / wanted)
    if offer.min_order:
        minimum = Decimal(offer.min_order) * offer_factor
        if wanted < minimum:
            fit *= wanted / minimum
    return float(fit)


def price_fit(offer: Offer, request: Request) -> float:
    if offer.price_per_unit is None or request.price_per_unit is None:
        return 0.5
    offer_family, offer_factor = unit_family(offer.unit)
    request_family, request_factor = unit_family(request.unit)
    if offer_family != request_family:
        return 0.5
    # Compare prices per base unit (đồng per kg for kg and tonnes).
    asked = Decimal(offer.price_per_unit) / offer_factor
    target = Decimal(request.price_per_unit) / request_factor
    if target <= 0:
        return 0.0
    if asked <= target:
        return 1.0
    excess = float((asked - target) / target)
    return max(0.0, 1.0 - excess / PRICE_ZERO_EXCESS)


def distance_fit(offer: Offer, request: Request) -> float:
    if not (offer.has_coordinates and request.has_coordinates):
        return 0.5
    km = distance_km(offer.latitude, offer.longitude, request.latitude, request.longitude)
    return max(0.0, 1.0 - km / DISTANCE_ZERO_KM)


def dates_fit(offer: Offer, request: Request) -> float:
    offer_start, offer_end = offer.window()
    request_start, request_end = request.window()
    if offer_start <= request_end and request_start <= offer_end:
        return 1.0
    gap = (offer_start - request_end).days if offer_start > request_end else (request_start - offer_end).days
    return max(0.0, 1.0 - gap / DATE_ZERO_GAP_DAYS)


PARTS = {
    "category": category_fit,
    "quantity": quantity_fit,
    "price": price_fit,
    "distance": distance_fit,
    "dates": dates_fit,
}


def score_pair(offer: Offer, request: Request) -> tuple[float, dict]:
    """The weighted score of an offer against a request, and its parts."""
    parts = {name: round(fit(offer, request), 4) for name, fit in PARTS.items()}
    score = sum(WEIGHTS[name] * value for name, value in parts.items())
    if offer.category_id and request.category_id and offer.category_id != request.category_id:
        score *= CATEGORY_MISMATCH_FACTOR
    return round(score, 4), parts


def rank_matches(post: Offer | Request, *, limit: int = 5, min_score: float = 0.0, candidates=None) -> list[Match]:
    """The open posts on the other side scoring `min_score` or more, best first (ties: newest first)."""
    if candidates is None:
        other = Request if isinstance(post, Offer) else Offer
        candidates = other.objects.open().exclude(owner_id=post.owner_id).with_related()[:CANDIDATE_LIMIT]
    matches = []
    for candidate in candidates:
        offer, request = (post, candidate) if isinstance(post, Offer) else (candidate, post)
        score, parts = score_pair(offer, request)
        if score >= min_score:
            matches.append(Match(candidate, score, parts))
    matches.sort(key=lambda m: (-m.score, -(m.post.pk or 0)))
    return matches[:limit] if limit else matches
