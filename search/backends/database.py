"""The database backend: folded text in `SearchDocument`, facets by aggregation over
`SearchFacetValue`, ranking by SQL expressions. Works the same on SQLite and PostgreSQL."""

import difflib
import math
from collections import Counter
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Case, Count, F, FloatField, Q, Value, When
from django.db.models.functions import Cast
from django.utils import timezone

from portal.places import distance_km

from ..documents import Document
from ..folding import fold, lower_words, strip_marks
from ..models import SearchDocument, SearchFacetValue
from ..results import FacetCount, Hit, Query, SearchResult

SUGGEST_LIMIT = 8
FACET_SIZE = 30


def _padded(text: str) -> str:
    return f" {text} "


def _row(doc: Document) -> SearchDocument:
    lowered = " ".join(lower_words(doc.title))
    return SearchDocument(
        kind=doc.kind,
        locale=doc.locale,
        object_id=doc.object_id,
        url=doc.url[:500],
        title=doc.title[:300],
        summary=doc.summary,
        meta=doc.meta[:300],
        image_url=doc.image_url[:500],
        title_folded=_padded(fold(doc.title))[:320],
        title_lower=_padded(lowered)[:320],
        folded=_padded(fold(" ".join([doc.title, doc.summary, doc.text]))),
        price=doc.price,
        in_stock=doc.in_stock,
        ocop_stars=doc.ocop_stars,
        latitude=doc.latitude,
        longitude=doc.longitude,
        expires_on=doc.expires_on,
        facets=doc.facets,
    )


def _document(row: SearchDocument) -> Document:
    return Document(
        kind=row.kind,
        locale=row.locale,
        object_id=row.object_id,
        url=row.url,
        title=row.title,
        summary=row.summary,
        facets=row.facets or {},
        price=row.price,
        in_stock=row.in_stock,
        ocop_stars=row.ocop_stars,
        latitude=row.latitude,
        longitude=row.longitude,
        expires_on=row.expires_on,
        image_url=row.image_url,
        meta=row.meta,
    )


def _facet_rows(row: SearchDocument, doc: Document) -> list[SearchFacetValue]:
    return [
        SearchFacetValue(document=row, facet=name, value=str(value)[:200])
        for name, values in doc.facets.items()
        for value in dict.fromkeys(values)
        if value not in (None, "")
    ]


class DatabaseBackend:
    name = "database"

    def __init__(self, using: str = "default"):
        self.using = using

    def _documents(self):
        return SearchDocument.objects.using(self.using)

    # --- writing ---------------------------------------------------------------------

    def index(self, documents: Iterable[Document]) -> int:
        count = 0
        with transaction.atomic(using=self.using):
            for doc in documents:
                self._documents().filter(kind=doc.kind, locale=doc.locale, object_id=doc.object_id).delete()
                row = _row(doc)
                row.save(using=self.using)
                SearchFacetValue.objects.using(self.using).bulk_create(_facet_rows(row, doc))
                count += 1
        return count

    def delete(self, kind: str, locale: str, object_id: int) -> None:
        self._documents().filter(kind=kind, locale=locale, object_id=object_id).delete()

    def rebuild(self, kind: str, locale: str, documents: Iterable[Document], batch_size: int = 500) -> int:
        """Replace every document of (kind, locale) in one transaction: readers see the old set
        until the new one is committed (PostgreSQL's MVCC), so searches never see it empty."""
        count = 0
        with transaction.atomic(using=self.using):
            self._documents().filter(kind=kind, locale=locale).delete()
            batch: list[Document] = []
            for doc in documents:
                batch.append(doc)
                if len(batch) >= batch_size:
                    count += self._bulk(batch)
                    batch = []
            count += self._bulk(batch)
        return count

    def _bulk(self, docs: list[Document]) -> int:
        if not docs:
            return 0
        rows = SearchDocument.objects.using(self.using).bulk_create([_row(d) for d in docs])
        if rows and rows[0].pk is None:  # backends without RETURNING: look the ids up
            ids = {
                (k, loc, oid): pk
                for pk, k, loc, oid in self._documents()
                .filter(kind=docs[0].kind, locale=docs[0].locale, object_id__in=[d.object_id for d in docs])
                .values_list("pk", "kind", "locale", "object_id")
            }
            for row in rows:
                row.pk = ids[(row.kind, row.locale, row.object_id)]
        facet_rows = [fr for row, doc in zip(rows, docs, strict=True) for fr in _facet_rows(row, doc)]
        SearchFacetValue.objects.using(self.using).bulk_create(facet_rows, batch_size=2000)
        return len(rows)

    def clear(self) -> None:
        self._documents().all().delete()

    def count(self, kind: str, locale: str) -> int:
        return self._documents().filter(kind=kind, locale=locale).count()

    # --- reading ---------------------------------------------------------------------

    def _base(self, query: Query):
        today = timezone.localdate()
        qs = self._documents().filter(locale=query.locale, kind__in=query.kinds)
        qs = qs.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        for word in fold(query.text).split():
            qs = qs.filter(folded__contains=f" {word}")
        return qs

    def _facet_filter(self, qs, facet, values: list[str]):
        if facet.is_range:
            condition = Q()
            for bucket in facet.ranges:
                if bucket.key in values:
                    part = Q()
                    if bucket.start is not None:
                        part &= Q(price__gte=bucket.start)
                    if bucket.end is not None:
                        part &= Q(price__lt=bucket.end)
                    condition |= part
            return qs.filter(condition) if condition else qs.none()
        values_qs = SearchFacetValue.objects.using(self.using).filter(facet=facet.name, value__in=values)
        return qs.filter(pk__in=values_qs.values("document_id"))

    def _filtered(self, query: Query, skip: str | None = None):
        qs = self._base(query)
        for facet in query.facets:
            values = query.filters.get(facet.name)
            if values and facet.name != skip:
                qs = self._facet_filter(qs, facet, values)
        return qs

    def _score(self, query: Query):
        phrase = fold(query.text)
        score = Value(0.0, output_field=FloatField())
        if phrase:
            score = score + Case(When(title_folded__startswith=f" {phrase} ", then=8.0), default=0.0)
            score = score + Case(When(title_folded__contains=f" {phrase} ", then=4.0), default=0.0)
            for word in phrase.split():
                score = score + Case(When(title_folded__contains=f" {word}", then=2.0), default=0.0)
                score = score + Case(When(folded__contains=f" {word} ", then=0.5), default=0.0)
            for word in lower_words(query.text):
                if word != strip_marks(word):  # typed with accents: the exact form ranks higher
                    score = score + Case(When(title_lower__contains=f" {word}", then=1.0), default=0.0)
        else:
            score = Value(1.0, output_field=FloatField())
        if query.boost_popular:
            factor = (
                Value(1.0, output_field=FloatField())
                + Case(When(in_stock=True, then=0.3), default=0.0)
                + Case(When(ocop_stars__gte=3, then=0.1), default=0.0)
                + Case(When(ocop_stars__gte=4, then=0.1), default=0.0)
                + Case(When(ocop_stars__gte=5, then=0.1), default=0.0)
            )
            score = score * factor
        return score

    def _ordered(self, qs, query: Query):
        qs = qs.annotate(score=self._score(query))
        if query.sort == "distance" and query.near:
            lat, lon = query.near
            scale = math.cos(math.radians(lat))
            dlat = F("latitude") - Value(lat)
            dlon = (F("longitude") - Value(lon)) * Value(scale)
            qs = qs.annotate(dist2=Cast(dlat * dlat + dlon * dlon, FloatField()))
            return qs.order_by(F("dist2").asc(nulls_last=True), "title", "pk")
        if query.sort == "price_asc":
            return qs.order_by(F("price").asc(nulls_last=True), "-score", "title", "pk")
        if query.sort == "price_desc":
            return qs.order_by(F("price").desc(nulls_last=True), "-score", "title", "pk")
        if query.sort == "title":
            return qs.order_by("title_folded", "pk")
        return qs.order_by("-score", "title_folded", "pk")

    def _count_facets(self, query: Query) -> dict[str, list[FacetCount]]:
        """Facet counts by aggregation in SQL. Facets without a selection are counted together in
        one GROUP BY over the fully filtered documents; a facet with a selection is counted over
        the documents that pass every *other* facet, so its other values stay selectable."""
        if not query.facets:
            return {}
        selected = {name: set(values) for name, values in query.filters.items()}
        counters: dict[str, Counter] = {facet.name: Counter() for facet in query.facets}
        values = SearchFacetValue.objects.using(self.using)

        def group(facet_names: list[str], documents) -> None:
            rows = (
                values.filter(document__in=documents.values("pk"), facet__in=facet_names)
                .values_list("facet", "value")
                .annotate(n=Count("pk"))
            )
            for name, value, n in rows:
                counters[name][value] = n

        plain = [f.name for f in query.facets if not f.is_range and not selected.get(f.name)]
        if plain:
            group(plain, self._filtered(query))
        for facet in query.facets:
            if facet.is_range:
                documents = self._filtered(query, skip=facet.name)
                aggregates = {
                    f"b{i}": Count(
                        "pk",
                        filter=(Q(price__gte=b.start) if b.start is not None else Q())
                        & (Q(price__lt=b.end) if b.end is not None else Q()),
                    )
                    for i, b in enumerate(facet.ranges)
                }
                found = documents.aggregate(**aggregates)
                for i, bucket in enumerate(facet.ranges):
                    counters[facet.name][bucket.key] = found[f"b{i}"]
            elif selected.get(facet.name):
                group([facet.name], self._filtered(query, skip=facet.name))

        result = {}
        for facet in query.facets:
            chosen = selected.get(facet.name, set())
            counter = counters[facet.name]
            if facet.is_range:
                result[facet.name] = [
                    FacetCount(b.key, b.label, counter[b.key], b.key in chosen)
                    for b in facet.ranges
                    if counter[b.key] or b.key in chosen
                ]
                continue
            ordered = sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:FACET_SIZE]
            found = [FacetCount(value, value, n, value in chosen) for value, n in ordered]
            shown = {f.value for f in found}
            found += [FacetCount(value, value, 0, True) for value in sorted(chosen) if value not in shown]
            result[facet.name] = found
        return result

    def search(self, query: Query) -> SearchResult:
        qs = self._ordered(self._filtered(query), query)
        total = qs.count()
        start = (query.page - 1) * query.per_page
        rows = list(qs[start : start + query.per_page])
        hits = []
        for row in rows:
            hit = Hit(document=_document(row), score=float(row.score or 0))
            if query.near and row.latitude is not None and row.longitude is not None:
                hit.distance_km = distance_km(query.near[0], query.near[1], row.latitude, row.longitude)
            hits.append(hit)
        facets = self._count_facets(query)
        did_you_mean = self.did_you_mean(query) if total == 0 and query.text.strip() else ""
        return SearchResult(
            hits=hits,
            total=total,
            facets=facets,
            did_you_mean=did_you_mean,
            page=query.page,
            per_page=query.per_page,
            backend=self.name,
        )

    def did_you_mean(self, query: Query) -> str:
        """Each unknown word replaced by the closest word of the titles (in its accented form)."""
        vocabulary: Counter = Counter()
        accented: dict[str, Counter] = {}
        titles = self._documents().filter(locale=query.locale, kind__in=query.kinds).values_list("title", flat=True)
        for title in titles[:20000]:
            for word in lower_words(title):
                folded = fold(word)
                if len(folded) < 2:
                    continue
                vocabulary[folded] += 1
                accented.setdefault(folded, Counter())[word] += 1
        changed = False
        out = []
        for word in fold(query.text).split():
            if word in vocabulary:
                out.append(word)
                continue
            match = difflib.get_close_matches(word, list(vocabulary), n=1, cutoff=0.75)
            if match:
                out.append(accented[match[0]].most_common(1)[0][0])
                changed = True
            else:
                out.append(word)
        return " ".join(out) if changed else ""

    def suggest(self, text: str, locale: str, kinds: list[str], limit: int = SUGGEST_LIMIT) -> list[Document]:
        words = fold(text).split()
        if not words:
            return []
        today = timezone.localdate()
        qs = self._documents().filter(locale=locale, kind__in=kinds)
        qs = qs.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        for word in words:
            qs = qs.filter(title_folded__contains=f" {word}")
        qs = qs.annotate(
            starts=Case(When(title_folded__startswith=f" {' '.join(words)}", then=1), default=0),
        ).order_by("-starts", "title_folded")
        return [_document(row) for row in qs[:limit]]
