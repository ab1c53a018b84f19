"""What a search returns, the same for every backend."""

from dataclasses import dataclass, field
from typing import Any

from .documents import Document

PER_PAGE = 20
MAX_PAGE = 100  # deep pages are for crawlers, not people; keeps both backends cheap


@dataclass
class Query:
    kinds: list[str]  # the kinds searched (all of them for "all")
    kind: str  # what the user asked for (may be "all")
    text: str
    locale: str
    facets: list  # Facet objects to count
    filters: dict[str, list[str]]  # facet name → selected values (labels, or range keys)
    sort: str = "relevance"
    near: tuple[float, float] | None = None
    page: int = 1
    per_page: int = PER_PAGE
    boost_popular: bool = False
    suggest: bool = True  # propose a "did you mean" when nothing is found


# What a hit carries (a result card's fields, the Document's fields of that name), beside its
# point: backends read only these with the page's rows.
CARD_FIELDS = (
    "kind",
    "locale",
    "object_id",
    "url",
    "title",
    "summary",
    "meta",
    "image_url",
    "price",
    "in_stock",
    "ocop_stars",
)


@dataclass
class Hit:
    document: Document
    score: float = 0.0
    distance_km: float | None = None


@dataclass
class FacetCount:
    value: str  # what the URL carries
    label: Any
    count: int
    selected: bool = False


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)
    did_you_mean: str = ""
    page: int = 1
    per_page: int = PER_PAGE
    backend: str = ""

    @property
    def num_pages(self) -> int:
        return max(1, min(MAX_PAGE, -(-self.total // self.per_page)))

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def label_facets(facets: dict[str, list[FacetCount]], query: Query) -> dict[str, list[FacetCount]]:
    """Give the counted keys their labels in the query's language (one lookup for all facets,
    the same for every backend), and order each facet's values by count, then label."""
    from .documents import labels_of
    from .folding import fold

    counted = [(facet, facets[facet.name]) for facet in query.facets if facets.get(facet.name)]
    labels = labels_of([(facet, [c.value for c in counts]) for facet, counts in counted], query.locale)
    for facet, counts in counted:
        if facet.is_range:
            continue
        shown = labels[facet.name]
        for count in counts:
            count.label = shown.get(count.value, count.value)
        counts.sort(key=lambda c: (-c.count, fold(str(c.label)), c.value))
    return facets
