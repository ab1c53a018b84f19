"""What search knows about: kinds of things, their facets, and the documents they index.

Each app declares its kinds in its own `search.py` (a function `search_kinds()` returning
`SearchKind`s); the search app discovers them, so `search` never imports another app's
models by name and a kind whose models do not exist yet is simply absent.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from importlib import import_module
from typing import Any

from django.apps import apps
from django.conf import settings
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext_lazy as _

ALL = "all"


@dataclass(frozen=True)
class RangeBucket:
    key: str  # what the URL carries, e.g. "100000-300000"
    label: Any
    start: int | None = None  # inclusive
    end: int | None = None  # exclusive


@dataclass(frozen=True)
class Facet:
    name: str  # the query parameter and the document's facet key
    label: Any
    ranges: tuple[RangeBucket, ...] = ()  # a range facet (on `Document.price`) when set

    @property
    def is_range(self) -> bool:
        return bool(self.ranges)


@dataclass
class Document:
    """One searchable thing in one language, the same shape for every backend."""

    kind: str
    locale: str
    object_id: int
    url: str
    title: str
    summary: str = ""
    text: str = ""  # everything else worth matching (body, producer, category, area …)
    facets: dict[str, list[str]] = field(default_factory=dict)  # facet name → labels in this language
    price: int | None = None
    in_stock: bool | None = None
    ocop_stars: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    expires_on: date | None = None  # never shown after this day (board posts, one-off events)
    image_url: str = ""
    meta: str = ""  # a short line for the result card ("Nga Sơn · 4★")

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.kind, self.locale, self.object_id)


@dataclass(frozen=True)
class SearchKind:
    name: str  # "products", "attractions" …
    label: Any
    models: tuple  # models whose saves and deletes re-index (the objects' own classes)
    objects: Callable[[], Iterable]  # every object that may be searchable (a queryset)
    to_documents: Callable[[Any], list[Document]]  # [] when the object must not be found
    facets: tuple[Facet, ...] = ()
    sorts: tuple[str, ...] = ("relevance",)
    order: int = 100
    boost_popular: bool = False  # in-stock and higher-OCOP first (products)

    def facet(self, name: str) -> Facet | None:
        return next((f for f in self.facets if f.name == name), None)


KIND_FACET = Facet("kind", _("Type of result"))
ALL_KIND = SearchKind(
    name=ALL,
    label=_("Everything"),
    models=(),
    objects=lambda: [],
    to_documents=lambda obj: [],
    facets=(KIND_FACET,),
    order=0,
)

_kinds: dict[str, SearchKind] | None = None


def _discover() -> dict[str, SearchKind]:
    found: dict[str, SearchKind] = {}
    for config in apps.get_app_configs():
        if config.name == "search" or not module_has_submodule(config.module, "search"):
            continue
        module = import_module(f"{config.name}.search")
        provider = getattr(module, "search_kinds", None)
        if provider is None:
            continue
        for kind in provider():
            found[kind.name] = kind
    return dict(sorted(found.items(), key=lambda item: (item[1].order, item[0])))


def kinds() -> dict[str, SearchKind]:
    """The kinds the installed apps give to search, in display order (without "all")."""
    global _kinds
    if _kinds is None:
        _kinds = _discover()
    return _kinds


# Kinds searched together under one name: the board's offers and requests.
GROUPS = {"board": ("offers", "requests")}
GROUP_LABELS = {"board": _("Supply and demand board")}


def group_members(name: str) -> list[str]:
    """The kinds a name stands for: every kind for "all", a group's members, or itself."""
    if name == ALL:
        return list(kinds())
    if name in GROUPS:
        return [member for member in GROUPS[name] if member in kinds()]
    return [name] if name in kinds() else []


def get_kind(name: str) -> SearchKind | None:
    if name == ALL:
        return ALL_KIND
    if name in GROUPS:
        members = [kinds()[m] for m in GROUPS[name] if m in kinds()]
        if not members:
            return None
        return SearchKind(
            name=name,
            label=GROUP_LABELS[name],
            models=(),
            objects=lambda: [],
            to_documents=lambda obj: [],
            facets=members[0].facets,
            sorts=members[0].sorts,
            order=members[0].order,
        )
    return kinds().get(name)


def kinds_for_model(model) -> list[SearchKind]:
    return [kind for kind in kinds().values() if any(issubclass(model, m) for m in kind.models)]


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


_translation_cache: dict = {}
_TRANSLATION_TTL = 30.0  # seconds: long enough for a rebuild, short enough for editors


def translated(obj, locale_id: int, attr: str = "title") -> str:
    """`attr` of the translation of a translatable object (an Area, a CategoryPage) in
    `locale_id`, falling back to the object's own; cached briefly for rebuilds."""
    import time

    if obj is None:
        return ""
    if getattr(obj, "locale_id", None) == locale_id:
        return str(getattr(obj, attr) or "")
    key = (type(obj)._meta.label, obj.translation_key, locale_id, attr)
    now = time.monotonic()
    cached = _translation_cache.get(key)
    if cached and cached[1] > now:
        return cached[0]
    model = type(obj)
    base = model._default_manager
    value = base.filter(translation_key=obj.translation_key, locale_id=locale_id).values_list(attr, flat=True).first()
    value = str(value if value is not None else getattr(obj, attr) or "")
    _translation_cache[key] = (value, now + _TRANSLATION_TTL)
    return value


def is_public_page(page) -> bool:
    """Live and without a view restriction (password, login, groups) on it or above it."""
    if not page.live:
        return False
    if getattr(page, "_search_known_public", False):  # came from a .live().public() queryset
        return True
    return not page.get_view_restrictions().exists()


def plain(html: str) -> str:
    from django.utils.html import strip_tags

    return " ".join(strip_tags(html or "").split())
