"""The database backend: folded text in `SearchDocument`, facets by aggregation over
`SearchFacetValue`, ranking by SQL expressions. Works the same on SQLite and PostgreSQL."""

import math
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import connections, transaction
from django.db.models import Case, Q, When
from django.utils import timezone

from portal.places import distance_km

from ..documents import Document
from ..folding import EXACT_WORD, accented_words, fold, lower_words
from ..models import SearchDocument, SearchFacetTerm, SearchFacetValue
from ..results import CARD_FIELDS, FacetCount, Hit, Query, SearchResult, label_facets
from ..spelling import correction

SUGGEST_LIMIT = 8
FACET_SIZE = 30
# Facets that are a column of the document itself: filtered and counted on that column, not
# stored as facet values (every document has a kind: a fifth of the values otherwise).
COLUMN_FACETS = {"kind": "kind"}
# A hit's card and its point: the page's rows are read with the counts.
CARD_COLUMNS = (*CARD_FIELDS, "latitude", "longitude")
PAD = ", NULL" * len(CARD_COLUMNS)  # the card's columns in the parts that are not the page's rows
# Scores are summed as floating point: PostgreSQL reads a literal or a Python float as NUMERIC,
# whose arithmetic costs several times more over ten thousand matches (SQLite's REAL already is).
REAL = "DOUBLE PRECISION"


@contextmanager
def _planned_for_its_words(connection):
    """Run a statement without a prepared plan (portal/settings/base.py prepares statements run
    again). The search statement's best plan depends on its words: a word nearly every document
    holds is read by a scan, a rare one through the trigram index; a prepared statement's one
    generic plan took the index for both ("dac san" over 10,000 products: 42 → 45 ms a page)."""
    threshold = getattr(connection, "prepare_threshold", None)  # psycopg's; SQLite prepares nothing
    if threshold is None:
        yield
        return
    connection.prepare_threshold = None
    try:
        yield
    finally:
        connection.prepare_threshold = threshold


def _like_escaped(text: str) -> str:
    """`text` matched literally by LIKE … ESCAPE '\\' (a word may hold "_")."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _padded(text: str) -> str:
    return f" {text} "


def _row(doc: Document) -> SearchDocument:
    everything = " ".join([doc.title, doc.summary, doc.text])
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
        title_lower=_padded(" ".join(lower_words(doc.title)))[:320],
        folded=_padded(fold(everything)),
        lowered=_padded(" ".join(lower_words(everything))),
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


def _pairs(doc: Document) -> list[tuple[str, str]]:
    return [
        (name, str(value)[:200])
        for name, values in doc.facets.items()
        if name not in COLUMN_FACETS
        for value in dict.fromkeys(values)
        if value not in (None, "")
    ]


def _facet_rows(row: SearchDocument, doc: Document, terms: dict) -> list[SearchFacetValue]:
    return [SearchFacetValue(document=row, term_id=terms[pair]) for pair in _pairs(doc)]


class DatabaseBackend:
    name = "database"

    def __init__(self, using: str = "default"):
        self.using = using

    def _documents(self):
        return SearchDocument.objects.using(self.using)

    def _terms(self, docs: list[Document]) -> dict[tuple[str, str], int]:
        """The term numbers of the documents' facet keys, made where missing."""
        pairs = {pair for doc in docs for pair in _pairs(doc)}
        if not pairs:
            return {}
        terms = SearchFacetTerm.objects.using(self.using)

        def known() -> dict:
            rows = terms.filter(facet__in={f for f, _v in pairs}, value__in={v for _f, v in pairs})
            return {(f, v): pk for pk, f, v in rows.values_list("pk", "facet", "value") if (f, v) in pairs}

        found = known()
        missing = pairs - set(found)
        if missing:
            terms.bulk_create([SearchFacetTerm(facet=f, value=v) for f, v in missing], ignore_conflicts=True)
            found = known()
        return found

    # --- writing ---------------------------------------------------------------------

    def index(self, documents: Iterable[Document]) -> int:
        count = 0
        with transaction.atomic(using=self.using):
            for doc in documents:
                self._documents().filter(kind=doc.kind, locale=doc.locale, object_id=doc.object_id).delete()
                row = _row(doc)
                row.save(using=self.using)
                SearchFacetValue.objects.using(self.using).bulk_create(_facet_rows(row, doc, self._terms([doc])))
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
        terms = self._terms(docs)
        facet_rows = [fr for row, doc in zip(rows, docs, strict=True) for fr in _facet_rows(row, doc, terms)]
        SearchFacetValue.objects.using(self.using).bulk_create(facet_rows, batch_size=2000)
        return len(rows)

    def clear(self) -> None:
        self._documents().all().delete()

    def count(self, kind: str, locale: str) -> int:
        return self._documents().filter(kind=kind, locale=locale).count()

    # --- reading ---------------------------------------------------------------------

    def _score(self, query: Query) -> tuple[str, list]:
        """SQL of a document's relevance (over the columns of `d`), and its parameters."""
        phrase = fold(query.text)
        if not phrase:
            sql, params = "1.0", []
        else:
            # (column, LIKE pattern, points): the same rules as the Elasticsearch backend's.
            rules = [("title_folded", f" {phrase} %", 8.0), ("title_folded", f"% {phrase} %", 4.0)]
            for word in phrase.split():
                rules += [("title_folded", f"% {word}%", 2.0), ("folded", f"% {word} %", 0.5)]
            for word in accented_words(query.text):
                word = _like_escaped(word)
                rules += [("title_lower", f"% {word}%", 1.0), ("lowered", f"% {word}%", EXACT_WORD)]
            sql = " + ".join(
                f"CASE WHEN d.{column} LIKE %s ESCAPE '\\' THEN CAST(%s AS {REAL}) ELSE 0 END"
                for column, _p, _n in rules
            )
            params = [value for _c, pattern, points in rules for value in (pattern, points)]
        if query.boost_popular:
            sql = (
                f"({sql}) * (CAST(1.0 AS {REAL}) + CASE WHEN d.in_stock THEN CAST(0.3 AS {REAL}) ELSE 0 END"
                f" + CASE WHEN d.ocop_stars >= 3 THEN CAST(0.1 AS {REAL}) ELSE 0 END"
                f" + CASE WHEN d.ocop_stars >= 4 THEN CAST(0.1 AS {REAL}) ELSE 0 END"
                f" + CASE WHEN d.ocop_stars >= 5 THEN CAST(0.1 AS {REAL}) ELSE 0 END)"
            )
        return sql, params

    def _selection(self, facet, values: list[str]) -> tuple[str, list]:
        """SQL of the condition a document `d` meets when it has one of `values` of `facet`."""
        if facet.is_range:
            parts, params = [], []
            for bucket in facet.ranges:
                if bucket.key in values:
                    bounds = []
                    if bucket.start is not None:
                        bounds.append("d.price >= %s")
                        params.append(bucket.start)
                    if bucket.end is not None:
                        bounds.append("d.price < %s")
                        params.append(bucket.end)
                    parts.append(f"({' AND '.join(bounds) or '1 = 1'})")
            return (f"({' OR '.join(parts)})" if parts else "1 = 0"), params
        placeholders = ", ".join(["%s"] * len(values))
        if facet.name in COLUMN_FACETS:
            return f"d.{COLUMN_FACETS[facet.name]} IN ({placeholders})", list(values)
        return (
            f"d.id IN (SELECT v.document_id FROM {SearchFacetValue._meta.db_table} v "  # noqa: S608 # nosec B608
            f"JOIN {SearchFacetTerm._meta.db_table} t ON t.id = v.term_id "
            f"WHERE t.facet = %s AND t.value IN ({placeholders}))"
        ), [facet.name, *values]

    @staticmethod
    def _ordering(query: Query, of: str = "m") -> str:
        """ORDER BY over the matched set's columns (see `_matched`), read from the relation `of`."""
        if query.sort == "distance" and query.near:
            terms = ("({r}.dist2 IS NULL)", "{r}.dist2", "{r}.title", "{r}.id")
        elif query.sort == "price_asc":
            terms = ("({r}.price IS NULL)", "{r}.price", "{r}.score DESC", "{r}.title", "{r}.id")
        elif query.sort == "price_desc":
            terms = ("({r}.price IS NULL)", "{r}.price DESC", "{r}.score DESC", "{r}.title", "{r}.id")
        elif query.sort == "title":
            terms = ("{r}.title_folded", "{r}.id")
        else:
            terms = ("{r}.score DESC", "{r}.title_folded", "{r}.id")
        return ", ".join(term.format(r=of) for term in terms)

    def _matched(self, query: Query, selected: list) -> tuple[str, list]:
        """SQL of the documents that match the text, read once: id, sort keys, score, and a 0/1
        column per selected facet saying whether the document has one of the chosen values.
        Written by hand: building it with the ORM's expressions cost more than running it."""
        columns, params = ["d.id", "d.price", "d.title", "d.title_folded"], []
        columns += [f"d.{c} AS {c}" for name, c in COLUMN_FACETS.items() if any(f.name == name for f in query.facets)]
        conditions = []
        for i, (facet, values) in enumerate(selected):
            condition, condition_params = self._selection(facet, values)
            conditions.append((condition, condition_params))
            columns.append(f"CASE WHEN {condition} THEN 1 ELSE 0 END AS f{i}")
            params += condition_params
        score, score_params = self._score(query)
        if selected and query.text:  # ranked only where it counts: the documents that pass
            passing = " AND ".join(condition for condition, _p in conditions)
            score = f"CASE WHEN {passing} THEN {score} ELSE 0 END"
            score_params = [value for _c, condition_params in conditions for value in condition_params] + score_params
        columns.append(f"{score} AS score")
        params += score_params
        if query.sort == "distance" and query.near:
            lat, lon = query.near
            scale = math.cos(math.radians(lat))
            columns.append(
                "((d.latitude - %s) * (d.latitude - %s) + (d.longitude - %s) * (d.longitude - %s) * %s) AS dist2"
            )
            params += [lat, lat, lon, lon, scale * scale]
        where = [
            "d.locale = %s",
            f"d.kind IN ({', '.join(['%s'] * len(query.kinds))})",
            "(d.expires_on IS NULL OR d.expires_on >= %s)",
        ]
        params += [query.locale, *query.kinds, connections[self.using].ops.adapt_datefield_value(timezone.localdate())]
        for word in fold(query.text).split():  # folded words are [0-9a-z]: nothing to escape
            where.append("d.folded LIKE %s")
            params.append(f"% {word}%")
        sql = (
            f"SELECT {', '.join(columns)} FROM {SearchDocument._meta.db_table} d "  # noqa: S608 # nosec B608
            f"WHERE {' AND '.join(where)}"
        )
        return sql, params

    def search(self, query: Query) -> SearchResult:
        """One statement answers the page's rows, the total and every facet count: the text is
        matched once (a CTE, which the database materialises as it is read several times), each
        facet filter is a 0/1 column of it, so counting a facet "as if its own selection were
        not made" is a condition on those columns rather than another scan, and facet values
        are counted by their integer terms."""
        selected = [(f, query.filters[f.name]) for f in query.facets if query.filters.get(f.name)]
        matched_sql, params = self._matched(query, selected)
        n = len(selected)
        passed = " + ".join(f"m.f{i}" for i in range(n)) or "0"

        def all_but(i: int | None) -> str:
            return f"({passed}) = {n}" if i is None else f"({passed}) - m.f{i} = {n - 1}"

        index = {facet.name: i for i, (facet, _values) in enumerate(selected)}
        # The page's rows come with their card's columns (the rest are NULL in the other parts),
        # numbered by their place in the order: a join does not keep it. They are numbered after
        # the LIMIT (twenty rows), so that the database keeps only the best rows as it reads the
        # matches rather than sorting them all.
        parts = [
            f"SELECT 0 AS part, ROW_NUMBER() OVER (ORDER BY {self._ordering(query, of='h')}) AS n, "  # noqa: S608 # nosec B608
            "NULL AS facet, NULL AS value, h.score AS score, "
            f"{', '.join(f'd.{column}' for column in CARD_COLUMNS)} FROM "
            f"(SELECT m.* FROM m WHERE {all_but(None)} ORDER BY {self._ordering(query)} LIMIT %s OFFSET %s) h "
            f"JOIN {SearchDocument._meta.db_table} d ON d.id = h.id",
        ]
        params = [*params, query.per_page, (query.page - 1) * query.per_page]
        terms = [f for f in query.facets if not f.is_range and f.name not in COLUMN_FACETS]
        for facet in query.facets:
            if facet.name in COLUMN_FACETS:
                column = COLUMN_FACETS[facet.name]
                parts.append(
                    f"SELECT 2, SUM(CASE WHEN {all_but(index.get(facet.name))} THEN 1 ELSE 0 END), "  # noqa: S608 # nosec B608
                    f"%s, m.{column}, NULL{PAD} FROM m GROUP BY m.{column}"
                )
                params.append(facet.name)
        if terms:
            # Per term: how many documents pass every filter (n), and how many pass every filter
            # but the one of facet i (n0, n1 …); the term's facet then says which count is its.
            sums = [f"SUM(CASE WHEN {all_but(None)} THEN 1 ELSE 0 END) AS n"]
            sums += [f"SUM(CASE WHEN {all_but(i)} THEN 1 ELSE 0 END) AS n{i}" for i in range(n)]
            choose = "c.n"
            if selected:
                whens = []
                for facet, _values in selected:
                    if not facet.is_range:
                        whens.append(f"WHEN %s THEN c.n{index[facet.name]}")
                        params.append(facet.name)
                if whens:
                    choose = f"CASE t.facet {' '.join(whens)} ELSE c.n END"
            near_miss = f"({passed}) >= {n - 1}" if n > 1 else "1 = 1"
            parts.append(
                f"SELECT 2, {choose}, t.facet, t.value, NULL{PAD} FROM "  # noqa: S608 # nosec B608
                f"(SELECT v.term_id, {', '.join(sums)} FROM m JOIN {SearchFacetValue._meta.db_table} v "
                f"ON v.document_id = m.id WHERE {near_miss} GROUP BY v.term_id) c "
                f"JOIN {SearchFacetTerm._meta.db_table} t ON t.id = c.term_id "
                f"WHERE t.facet IN ({', '.join(['%s'] * len(terms))})"
            )
            params += [facet.name for facet in terms]
        # The total and each price bucket's count in one pass over the matches (a column each),
        # made rows by a join with the list of what each column counts: (part, facet, key, when).
        counted = [(1, None, None, all_but(None))]
        bound_params = []
        for facet in query.facets:
            if facet.is_range:
                for bucket in facet.ranges:
                    bounds = []
                    if bucket.start is not None:
                        bounds.append("m.price >= %s")
                    if bucket.end is not None:
                        bounds.append("m.price < %s")
                    counted.append((3, facet.name, bucket.key, " AND ".join([all_but(index.get(facet.name)), *bounds])))
                    bound_params += [b for b in (bucket.start, bucket.end) if b is not None]
        columns = ", ".join(f"COUNT(CASE WHEN {when} THEN 1 END) AS c{k}" for k, (*_x, when) in enumerate(counted))
        listed = " UNION ALL ".join(
            "SELECT 0 AS k, 1 AS part, NULL AS facet, NULL AS value" if k == 0 else f"SELECT {k}, {part}, %s, %s"
            for k, (part, _facet, _key, _when) in enumerate(counted)
        )
        chosen = " ".join(f"WHEN {k} THEN s.c{k}" for k in range(len(counted)))
        parts.append(
            f"SELECT l.part, CASE l.k {chosen} END, l.facet, l.value, NULL{PAD} "  # noqa: S608 # nosec B608
            f"FROM (SELECT {columns} FROM m) s CROSS JOIN ({listed}) l"
        )
        params += bound_params
        params += [value for _part, facet, key, _when in counted[1:] for value in (facet, key)]
        # Only our own column names, numbers and fixed SQL are put into the text; every value
        # (words, facet names and keys, bounds, the page) is a parameter.
        sql = f"WITH m AS ({matched_sql}) " + " UNION ALL ".join(parts)
        page: list[tuple] = []
        total = 0
        counters: dict[str, Counter] = {facet.name: Counter() for facet in query.facets}
        with connections[self.using].cursor() as cursor, _planned_for_its_words(cursor.db.connection):
            cursor.execute(sql, params)
            for part, number, facet_name, value, score, *card in cursor.fetchall():
                if part == 0:
                    page.append((number, score, card))
                elif part == 1:
                    total = number
                elif facet_name in counters:
                    counters[facet_name][value] = number
        hits = []
        for _place, score, card in sorted(page, key=lambda row: row[0]):
            doc = Document(**dict(zip(CARD_COLUMNS, card, strict=True)))
            if doc.in_stock is not None:  # SQLite gives 0/1 through a UNION
                doc.in_stock = bool(doc.in_stock)
            hit = Hit(document=doc, score=float(score or 0))
            if query.near and doc.latitude is not None and doc.longitude is not None:
                hit.distance_km = distance_km(query.near[0], query.near[1], doc.latitude, doc.longitude)
            hits.append(hit)
        did_you_mean = self.did_you_mean(query) if total == 0 and query.text.strip() and query.suggest else ""
        return SearchResult(
            hits=hits,
            total=total,
            facets=label_facets(self._facet_counts(query, counters), query),
            did_you_mean=did_you_mean,
            page=query.page,
            per_page=query.per_page,
            backend=self.name,
        )

    @staticmethod
    def _facet_counts(query: Query, counters: dict[str, Counter]) -> dict[str, list[FacetCount]]:
        selected = {name: set(values) for name, values in query.filters.items()}
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
            ordered = sorted(((v, n) for v, n in counter.items() if n), key=lambda item: (-item[1], item[0]))
            found = [FacetCount(value, value, n, value in chosen) for value, n in ordered[:FACET_SIZE]]
            shown = {f.value for f in found}
            found += [FacetCount(value, value, 0, True) for value in sorted(chosen) if value not in shown]
            result[facet.name] = found
        return result

    def did_you_mean(self, query: Query) -> str:
        """Unknown words replaced by words of the titles (search/spelling.py)."""
        titles = self._documents().filter(locale=query.locale, kind__in=query.kinds).values_list("title", flat=True)
        return correction(query.text, titles[:20000])

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
