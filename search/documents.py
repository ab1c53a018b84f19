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
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext_lazy as _

ALL = "all"


@dataclass(frozen=True)
class RangeBucket:
    key: str  # what the URL carries, e.g. "100000-300000"
    label: Any
    start: int | None = None  # inclusive
    end: int | None = None  # exclusive


# keys → labels in one language; one query at most, keys it does not know are left out
LabelsHook = Callable[[list[str], str], dict[str, str]]


@dataclass(frozen=True)
class Facet:
    """A facet. Documents, URLs and the backends carry its values as stable keys that do not
    depend on the language or on names editors may change (a choice's code, a translatable
    object's translation_key, OCOP stars as a number); `labels` turns keys into what people
    read, in the request's language, when results are shown."""

    name: str  # the query parameter and the document's facet key
    label: Any
    ranges: tuple[RangeBucket, ...] = ()  # a range facet (on `Document.price`) when set
    labels: LabelsHook | None = None  # None: the key is shown as it is
    sources: tuple = ()  # models whose saves change labels (the label cache is dropped then)

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
    facets: dict[str, list[str]] = field(default_factory=dict)  # facet name → stable keys (see Facet)
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


def _kind_labels(keys: list[str], locale: str) -> dict[str, str]:
    from django.utils import translation

    with translation.override(locale):
        return {key: str(get_kind(key).label) for key in keys if key != ALL and get_kind(key) is not None}


KIND_FACET = Facet("kind", _("Type of result"), labels=_kind_labels)
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


# --- labels of facet keys -------------------------------------------------------------------


def facet_labels(facet: Facet, keys: Iterable[str], locale: str) -> dict[str, str]:
    """{key: label} in `locale` for the keys of one facet (a key without a label keeps itself)."""
    return labels_of([(facet, keys)], locale)[facet.name]


def labels_of(facet_keys: Iterable[tuple[Facet, Iterable[str]]], locale: str) -> dict[str, dict[str, str]]:
    """{facet name: {key: label}} in `locale` for the keys of several facets, looked up on every
    request (no copy kept between requests): the facets labelled by translatable objects are
    read in one query together, the others (choices, numbers) need none."""
    found: dict[str, dict[str, str]] = {}
    translatable = []
    for facet, keys in facet_keys:
        keys = list(dict.fromkeys(str(k) for k in keys))
        if facet.is_range:
            known = {b.key: str(b.label) for b in facet.ranges}
            found[facet.name] = {key: known.get(key, key) for key in keys}
        elif facet.labels is None or not keys:
            found[facet.name] = {key: key for key in keys}
        elif isinstance(facet.labels, TranslatableLabels):
            translatable.append((facet, keys))
        else:
            looked_up = facet.labels(keys, locale)
            found[facet.name] = {key: str(looked_up.get(key, key)) for key in keys}
    if translatable:
        looked_up = TranslatableLabels.read_together([(f.labels, keys) for f, keys in translatable], locale)
        for facet, keys in translatable:
            labels = looked_up.get(facet.labels, {})
            found[facet.name] = {key: labels.get(key, key) for key in keys}
    return found


def forget_labels(model=None) -> None:
    """Drop the translations kept briefly for rebuilds (all, or when `model` is a source of
    some facet's labels)."""
    if model is None or (label_sources() and issubclass(model, label_sources())):
        _translation_cache.clear()


_label_sources: tuple | None = None


def label_sources() -> tuple:
    global _label_sources
    if _label_sources is None:
        _label_sources = tuple(
            {source for kind in kinds().values() for facet in kind.facets for source in facet.sources}
        )
    return _label_sources


def choice_labels(choices) -> LabelsHook:
    """Labels of a facet whose keys are the codes of Django choices (TextChoices or pairs)."""
    pairs = dict(choices.choices if hasattr(choices, "choices") else choices)

    def labels(keys: list[str], locale: str) -> dict[str, str]:
        from django.utils import translation

        with translation.override(locale):
            return {key: str(pairs[key]) for key in keys if key in pairs}

    return labels


def translation_key(obj) -> str:
    """The facet key of a translatable object (an Area, a CategoryPage): the same in every
    language and through renames."""
    return str(obj.translation_key) if obj is not None else ""


def area_facet() -> Facet:
    """Areas (portal.models.Area) by translation key, labelled with the area's name."""
    from portal.models import Area

    return Facet("area", _("Area"), labels=translatable_labels(Area, "name"), sources=(Area,))


def translatable_labels(model, attr: str = "title") -> "TranslatableLabels":
    return TranslatableLabels(model, attr)


class TranslatableLabels:
    """Labels of a facet whose keys are translation keys of `model`: `attr` of the translation
    in the language asked for, else of the default language, else of any. Several such facets
    (category and area) are read in one query (`read_together`)."""

    def __init__(self, model, attr: str = "title"):
        self.model = model
        self.attr = attr

    def __call__(self, keys: list[str], locale: str) -> dict[str, str]:
        return self.read_together([(self, keys)], locale).get(self, {})

    def _table(self) -> str:
        """The table holding the translation key, the locale and `attr` (a page's title and
        keys are all in Wagtail's page table)."""
        fields = [self.model._meta.get_field(name) for name in ("translation_key", "locale", self.attr)]
        tables = {field.model._meta.db_table for field in fields}
        if len(tables) != 1:
            raise ImproperlyConfigured(f"{self.model.__name__}: translation_key, locale and {self.attr} in one table")
        return tables.pop()

    @staticmethod
    def read_together(hooks_keys: list, locale: str) -> dict:
        """{hook: {key: label}} for each (hook, keys): one UNION ALL statement for them all."""
        import uuid

        from django.db import connection
        from wagtail.models import Locale

        # A key as the database gives it back: a UUID where it has the type, else its hex.
        native = connection.features.has_native_uuid_field
        parts, params, asked = [], [], {}
        for number, (hook, keys) in enumerate(hooks_keys):
            valid = {}
            for key in keys:
                try:
                    as_uuid = uuid.UUID(key)
                except (ValueError, AttributeError, TypeError):
                    continue  # not a key at all (an old label in a bookmarked URL): no label
                valid[as_uuid if native else as_uuid.hex] = key
            if not valid:
                continue
            asked[number] = (hook, valid)
            attr = hook.model._meta.get_field(hook.attr).column
            parts.append(
                f"SELECT {number}, x.translation_key, l.language_code, x.{attr} FROM {hook._table()} x "  # noqa: S608 # nosec B608
                f"JOIN {Locale._meta.db_table} l ON l.id = x.locale_id "
                f"WHERE x.translation_key IN ({', '.join(['%s'] * len(valid))})"
            )
            params += list(valid)
        if not parts:
            return {}
        preference = {locale: 0, settings.LANGUAGE_CODE.split("-")[0]: 1}
        result: dict = {}
        ranks: dict = {}
        with connection.cursor() as cursor:
            # Only table and column names of our models are put into the text; keys are parameters.
            cursor.execute(" UNION ALL ".join(parts), params)
            for number, found, language, value in cursor.fetchall():
                hook, valid = asked[number]
                key = valid.get(found)
                rank = preference.get(language, 2)
                if key is not None and rank < ranks.get((number, key), 3):
                    ranks[number, key] = rank
                    result.setdefault(hook, {})[key] = str(value)
        return result
