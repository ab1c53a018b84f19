"""The Elasticsearch backend (elasticsearch.dsl): one index per kind and language behind an
alias, Vietnamese folded by `asciifolding` (which folds đ → d), an unfolded sub-field so that
exactly accented words rank higher, edge n-grams for autocomplete, facets by aggregations,
geo_distance sort, and function_score for in-stock and higher-OCOP products."""

import contextlib
import datetime
import threading
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from elasticsearch import Elasticsearch, NotFoundError, helpers
from elasticsearch.dsl import Q, Search, analyzer, token_filter

from ..documents import Document
from ..folding import EXACT_WORD, accented_words, fold
from ..results import CARD_FIELDS, FacetCount, Hit, Query, SearchResult, label_facets
from ..spelling import correction

FACET_SIZE = 30
SUGGEST_LIMIT = 8
SOURCE_FIELDS = [*CARD_FIELDS, "location"]  # what a hit's _source carries: its card and its point

folding_analyzer = analyzer("xt_folding", tokenizer="standard", filter=["lowercase", "asciifolding"])
exact_analyzer = analyzer("xt_exact", tokenizer="standard", filter=["lowercase"])
autocomplete_analyzer = analyzer(
    "xt_autocomplete",
    tokenizer="standard",
    filter=["lowercase", "asciifolding", token_filter("xt_edge", "edge_ngram", min_gram=1, max_gram=20)],
)


def _text_field(with_autocomplete: bool = False) -> dict:
    fields = {"exact": {"type": "text", "analyzer": "xt_exact"}}
    if with_autocomplete:
        fields["ac"] = {"type": "text", "analyzer": "xt_autocomplete", "search_analyzer": "xt_folding"}
    return {"type": "text", "analyzer": "xt_folding", "fields": fields}


def index_body() -> dict:
    analysis: dict = {}
    for a in (folding_analyzer, exact_analyzer, autocomplete_analyzer):
        definition = a.get_analysis_definition()
        for section, items in definition.items():
            analysis.setdefault(section, {}).update(items)
        analysis.setdefault("analyzer", {})[a._name] = a.get_definition()
    return {
        "settings": {"number_of_shards": 1, "number_of_replicas": 0, "analysis": analysis},
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "kind": {"type": "keyword"},
                "locale": {"type": "keyword"},
                "object_id": {"type": "long"},
                "url": {"type": "keyword", "index": False},
                "title": _text_field(with_autocomplete=True),
                "title_sort": {"type": "keyword"},
                "summary": _text_field(),
                "text": _text_field(),
                "meta": {"type": "keyword", "index": False},
                "image_url": {"type": "keyword", "index": False},
                "facets": {"type": "object", "dynamic": True},
                "price": {"type": "long"},
                "in_stock": {"type": "boolean"},
                "ocop_stars": {"type": "integer"},
                "location": {"type": "geo_point"},
                "expires_on": {"type": "date", "format": "date"},
            },
            "dynamic_templates": [
                {"facets": {"path_match": "facets.*", "mapping": {"type": "keyword"}}},
            ],
        },
    }


def _source(doc: Document) -> dict:
    source = {
        "kind": doc.kind,
        "locale": doc.locale,
        "object_id": doc.object_id,
        "url": doc.url,
        "title": doc.title,
        "title_sort": fold(doc.title),
        "summary": doc.summary,
        "text": doc.text,
        "meta": doc.meta,
        "image_url": doc.image_url,
        "facets": {name: [str(v) for v in values if v not in (None, "")] for name, values in doc.facets.items()},
        "price": doc.price,
        "in_stock": doc.in_stock,
        "ocop_stars": doc.ocop_stars,
        "expires_on": doc.expires_on.isoformat() if doc.expires_on else None,
    }
    if doc.latitude is not None and doc.longitude is not None:
        source["location"] = {"lat": doc.latitude, "lon": doc.longitude}
    return source


def _document(source: dict) -> Document:
    location = source.get("location") or {}
    expires = source.get("expires_on")
    return Document(
        kind=source["kind"],
        locale=source["locale"],
        object_id=source["object_id"],
        url=source.get("url", ""),
        title=source.get("title", ""),
        summary=source.get("summary", ""),
        facets=source.get("facets") or {},
        price=source.get("price"),
        in_stock=source.get("in_stock"),
        ocop_stars=source.get("ocop_stars"),
        latitude=location.get("lat"),
        longitude=location.get("lon"),
        expires_on=datetime.date.fromisoformat(expires) if expires else None,
        image_url=source.get("image_url", ""),
        meta=source.get("meta", ""),
    )


_clients: dict[str, Elasticsearch] = {}
_lock = threading.Lock()


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, client: Elasticsearch, prefix: str | None = None):
        self.client = client
        self.prefix = prefix or getattr(settings, "SEARCH_INDEX_PREFIX", "xuthanh")
        self._ensured: set[str] = set()

    @classmethod
    def for_url(cls, url: str) -> "ElasticsearchBackend":
        with _lock:
            if url not in _clients:
                _clients[url] = Elasticsearch(url, request_timeout=30, retry_on_timeout=True, max_retries=2)
        return cls(_clients[url])

    # --- indices and aliases -------------------------------------------------------------

    def alias(self, kind: str, locale: str) -> str:
        return f"{self.prefix}-{kind}-{locale}".lower()

    def _new_index_name(self, kind: str, locale: str) -> str:
        return f"{self.alias(kind, locale)}-{timezone.now():%Y%m%d%H%M%S%f}"

    def _create_index(self, name: str) -> None:
        body = index_body()
        self.client.indices.create(index=name, settings=body["settings"], mappings=body["mappings"])

    def ensure_index(self, kind: str, locale: str) -> str:
        alias = self.alias(kind, locale)
        if alias in self._ensured:
            return alias
        if not self.client.indices.exists_alias(name=alias):
            name = self._new_index_name(kind, locale)
            self._create_index(name)
            try:
                self.client.indices.put_alias(index=name, name=alias)
            except Exception:
                self.client.indices.delete(index=name, ignore_unavailable=True)
                raise
        self._ensured.add(alias)
        return alias

    def indices_behind(self, alias: str) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=alias).keys())
        except NotFoundError:
            return []

    # --- writing ---------------------------------------------------------------------------

    def index(self, documents: Iterable[Document]) -> int:
        actions = []
        for doc in documents:
            alias = self.ensure_index(doc.kind, doc.locale)
            actions.append({"_op_type": "index", "_index": alias, "_id": str(doc.object_id), "_source": _source(doc)})
        if not actions:
            return 0
        helpers.bulk(self.client, actions, refresh="wait_for")
        return len(actions)

    def delete(self, kind: str, locale: str, object_id: int) -> None:
        alias = self.alias(kind, locale)
        with contextlib.suppress(NotFoundError):
            self.client.delete(index=alias, id=str(object_id), refresh="wait_for")

    def rebuild(self, kind: str, locale: str, documents: Iterable[Document], chunk_size: int = 500) -> int:
        """Fill a new index, then move the alias to it in one atomic step and drop the old one:
        searches keep answering from the old index until the swap."""
        alias = self.alias(kind, locale)
        name = self._new_index_name(kind, locale)
        self._create_index(name)
        self.client.indices.put_settings(index=name, settings={"index": {"refresh_interval": "-1"}})
        actions = (
            {"_op_type": "index", "_index": name, "_id": str(doc.object_id), "_source": _source(doc)}
            for doc in documents
        )
        count, _errors = helpers.bulk(self.client.options(request_timeout=120), actions, chunk_size=chunk_size)
        self.client.indices.put_settings(index=name, settings={"index": {"refresh_interval": "1s"}})
        self.client.indices.refresh(index=name)
        old = self.indices_behind(alias)
        if self.client.indices.exists(index=alias) and not old:
            self.client.indices.delete(index=alias)  # a concrete index squatting on the alias name
        operations = [{"remove": {"index": index, "alias": alias}} for index in old]
        operations.append({"add": {"index": name, "alias": alias}})
        self.client.indices.update_aliases(actions=operations)
        for index in old:
            self.client.indices.delete(index=index, ignore_unavailable=True)
        return count

    def clear(self) -> None:
        """Delete every index of this prefix (by name: clusters refuse wildcard deletes)."""
        self._ensured.clear()
        names = list(self.client.indices.get(index=f"{self.prefix}-*", expand_wildcards="all").keys())
        for start in range(0, len(names), 50):
            self.client.indices.delete(index=",".join(names[start : start + 50]), ignore_unavailable=True)

    def count(self, kind: str, locale: str) -> int:
        try:
            return self.client.count(index=self.alias(kind, locale))["count"]
        except NotFoundError:
            return 0

    def delete_all_documents(self) -> None:
        """Empty every index of this prefix, keeping the indices (quicker than new ones)."""
        actions = [
            {"_op_type": "delete", "_index": hit["_index"], "_id": hit["_id"]}
            for hit in helpers.scan(
                self.client, index=f"{self.prefix}-*", query={"query": {"match_all": {}}}, _source=False
            )
        ]
        if actions:
            helpers.bulk(self.client, actions, refresh="wait_for")

    def refresh(self) -> None:
        self.client.indices.refresh(index=f"{self.prefix}-*", ignore_unavailable=True)

    # --- reading ---------------------------------------------------------------------------

    def _search(self, query: Query) -> Search:
        indices = [self.alias(kind, query.locale) for kind in query.kinds]
        return Search(using=self.client, index=indices).params(ignore_unavailable=True, allow_no_indices=True)

    @staticmethod
    def _not_expired() -> dict:
        today = timezone.localdate().isoformat()
        missing = {"bool": {"must_not": [{"exists": {"field": "expires_on"}}]}}
        return {"bool": {"should": [missing, {"range": {"expires_on": {"gte": today}}}]}}

    @staticmethod
    def _text_query(text: str) -> dict:
        if not text.strip():
            return {"match_all": {}}
        must = {
            "multi_match": {
                "query": text,
                "type": "cross_fields",
                "operator": "and",
                "fields": ["title^3", "title.ac", "summary^2", "text"],
            }
        }
        should = [
            {"match_phrase": {"title": {"query": text, "boost": 6}}},
            {"multi_match": {"query": text, "fields": ["title.exact^2", "summary.exact", "text.exact"], "boost": 1}},
        ]
        # A word typed with accents found in exactly that form: a fixed score, as on the
        # database backend, above what folded matches alone earn (see folding.EXACT_WORD).
        for word in accented_words(text):
            exact = {"multi_match": {"query": word, "fields": ["title.exact", "summary.exact", "text.exact"]}}
            should.append({"constant_score": {"filter": exact, "boost": EXACT_WORD}})
        return {"bool": {"must": [must], "should": should}}

    @staticmethod
    def _popularity(query_body: dict) -> dict:
        functions = [
            {"filter": {"term": {"in_stock": True}}, "weight": 0.3},
            {"filter": {"range": {"ocop_stars": {"gte": 3}}}, "weight": 0.1},
            {"filter": {"range": {"ocop_stars": {"gte": 4}}}, "weight": 0.1},
            {"filter": {"range": {"ocop_stars": {"gte": 5}}}, "weight": 0.1},
            {"filter": {"match_all": {}}, "weight": 1.0},
        ]
        return {
            "function_score": {
                "query": query_body,
                "functions": functions,
                "score_mode": "sum",
                "boost_mode": "multiply",
            }
        }

    @staticmethod
    def _facet_query(facet, values: list[str]) -> dict:
        if facet.is_range:
            ranges = []
            for bucket in facet.ranges:
                if bucket.key in values:
                    bounds = {}
                    if bucket.start is not None:
                        bounds["gte"] = bucket.start
                    if bucket.end is not None:
                        bounds["lt"] = bucket.end
                    ranges.append({"range": {"price": bounds}})
            return {"bool": {"should": ranges, "minimum_should_match": 1}} if ranges else {"match_none": {}}
        return {"terms": {f"facets.{facet.name}": values}}

    @staticmethod
    def _facet_aggregation(facet) -> dict:
        if facet.is_range:
            ranges = [
                {
                    "key": b.key,
                    **({"from": b.start} if b.start is not None else {}),
                    **({"to": b.end} if b.end is not None else {}),
                }
                for b in facet.ranges
            ]
            return {"range": {"field": "price", "keyed": False, "ranges": ranges}}
        return {
            "terms": {
                "field": f"facets.{facet.name}",
                "size": FACET_SIZE,
                "order": [{"_count": "desc"}, {"_key": "asc"}],
            }
        }

    @staticmethod
    def _sort(query: Query) -> list:
        if query.sort == "distance" and query.near:
            near = {"lat": query.near[0], "lon": query.near[1]}
            return [{"_geo_distance": {"location": near, "order": "asc", "unit": "km"}}, "title_sort"]
        if query.sort == "price_asc":
            return [{"price": {"order": "asc", "missing": "_last"}}, "_score", "title_sort"]
        if query.sort == "price_desc":
            return [{"price": {"order": "desc", "missing": "_last"}}, "_score", "title_sort"]
        if query.sort == "title":
            return ["title_sort"]
        return ["_score", "title_sort"]

    def _body(self, query: Query) -> dict:
        """The request body, written as the plain dict Elasticsearch reads (building it through
        elasticsearch.dsl's objects cost more Python than the rest of the search)."""
        text_query = self._text_query(query.text)
        if query.boost_popular:
            text_query = self._popularity(text_query)
        facet_filters = {
            facet.name: self._facet_query(facet, query.filters[facet.name])
            for facet in query.facets
            if query.filters.get(facet.name)
        }
        aggregations = {}
        for facet in query.facets:
            others = [q for name, q in facet_filters.items() if name != facet.name]
            aggregations[f"f_{facet.name}"] = {
                "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
                "aggs": {"values": self._facet_aggregation(facet)},
            }
        body = {"query": {"bool": {"must": [text_query], "filter": [self._not_expired()]}}}
        if facet_filters:
            body["post_filter"] = {"bool": {"filter": list(facet_filters.values())}}
        if aggregations:
            body["aggs"] = aggregations
        body["sort"] = self._sort(query)
        # A hit carries what its card shows (not the matched text or the facets).
        body.update(track_total_hits=True, _source=SOURCE_FIELDS)
        body["from"] = (query.page - 1) * query.per_page
        body["size"] = query.per_page
        return body

    def search(self, query: Query) -> SearchResult:
        # The plain client call: the answer as a dict, without elasticsearch.dsl's wrapping of
        # every hit and bucket (a few milliseconds a query).
        body = self.client.search(
            index=[self.alias(kind, query.locale) for kind in query.kinds],
            body=self._body(query),
            ignore_unavailable=True,
            allow_no_indices=True,
        ).body
        hits = []
        for raw in body["hits"]["hits"]:
            hit = Hit(document=_document(raw["_source"]), score=float(raw.get("_score") or 0))
            if query.sort == "distance" and query.near and raw.get("sort"):
                value = raw["sort"][0]
                hit.distance_km = None if value in (None, float("inf")) or value > 1e7 else float(value)
            hits.append(hit)
        facets = {}
        aggs = body.get("aggregations", {})
        for facet in query.facets:
            selected = set(query.filters.get(facet.name) or [])
            buckets = aggs.get(f"f_{facet.name}", {}).get("values", {}).get("buckets", [])
            labels = {b.key: b.label for b in facet.ranges}
            counts = [
                FacetCount(str(b["key"]), labels.get(b["key"], b["key"]), b["doc_count"], str(b["key"]) in selected)
                for b in buckets
                if b["doc_count"] or str(b["key"]) in selected
            ]
            shown = {c.value for c in counts}
            counts += [FacetCount(v, labels.get(v, v), 0, True) for v in selected if v not in shown]
            facets[facet.name] = counts
        total = body["hits"]["total"]["value"]
        did_you_mean = self.did_you_mean(query) if total == 0 and query.text.strip() and query.suggest else ""
        return SearchResult(
            hits=hits,
            total=total,
            facets=label_facets(facets, query),
            did_you_mean=did_you_mean,
            page=query.page,
            per_page=query.per_page,
            backend=self.name,
        )

    def did_you_mean(self, query: Query) -> str:
        """Unknown words replaced by words of the titles (search/spelling.py), the same rule as
        the database backend's. The titles come from a terms aggregation on the folded title."""
        s = self._search(query).extra(size=0)
        s.aggs.bucket("titles", "terms", field="title_sort", size=10000)
        body = s.execute().to_dict()
        titles = [bucket["key"] for bucket in body.get("aggregations", {}).get("titles", {}).get("buckets", [])]
        return correction(query.text, titles)

    def suggest(self, text: str, locale: str, kinds: list[str], limit: int = SUGGEST_LIMIT) -> list[Document]:
        if not fold(text):
            return []
        query = Query(kinds=kinds, kind="all", text=text, locale=locale, facets=[], filters={})
        s = (
            self._search(query)
            .query(
                Q(
                    "bool",
                    must=[Q("multi_match", query=text, fields=["title.ac"], operator="and")],
                    should=[Q("match_phrase", title={"query": text, "boost": 2})],
                    filter=[Q(self._not_expired())],
                )
            )
            .sort("_score", "title_sort")[:limit]
        )
        return [_document(raw["_source"]) for raw in s.execute().to_dict()["hits"]["hits"]]
