"""The Elasticsearch backend on the live node: analysis, index layout and zero-downtime rebuilds."""

import re
import threading
import uuid

import pytest
from elasticsearch import Elasticsearch

import search
from search.backends.elastic import ElasticsearchBackend, index_body
from search.documents import Document
from search.indexing import rebuild

# Every test here sees the module's rows, whether it asks for them or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db(databases=["default", "search_sqlite"]), pytest.mark.usefixtures("built_content")]


@pytest.fixture
def es(elasticsearch_url, settings):
    settings.ELASTICSEARCH_URL = elasticsearch_url
    settings.SEARCH_INDEX_PREFIX = f"t{uuid.uuid4().hex[:10]}"
    backend = ElasticsearchBackend.for_url(elasticsearch_url)
    yield backend
    backend.clear()


def tokens(client: Elasticsearch, index: str, analyzer: str, text: str) -> list[str]:
    return [t["token"] for t in client.indices.analyze(index=index, analyzer=analyzer, text=text)["tokens"]]


def test_the_folding_analyzer_folds_vietnamese_including_d_with_stroke(es):
    alias = es.ensure_index("products", "vi")
    assert tokens(es.client, alias, "xt_folding", "Đặc sản ĐÔNG SƠN, Thanh Hóa đường") == [
        "dac",
        "san",
        "dong",
        "son",
        "thanh",
        "hoa",
        "duong",
    ]
    # The exact sub-field keeps the marks, so that "hóa" typed with its accent can rank higher.
    assert tokens(es.client, alias, "xt_exact", "Thanh Hóa") == ["thanh", "hóa"]
    assert tokens(es.client, alias, "xt_autocomplete", "Hồ")[:2] == ["h", "ho"]


def test_one_index_per_kind_and_language_behind_an_alias(es):
    es.index([Document(kind="products", locale="vi", object_id=1, url="/vi/x/", title="Nem chua")])
    es.index([Document(kind="products", locale="en", object_id=1, url="/en/x/", title="Pork roll")])
    for locale in ("vi", "en"):
        alias = es.alias("products", locale)
        assert alias == f"{es.prefix}-products-{locale}"
        behind = es.indices_behind(alias)
        assert len(behind) == 1 and behind[0].startswith(alias + "-")
    mapping = es.client.indices.get_mapping(index=es.alias("products", "vi"))
    properties = next(iter(mapping.body.values()))["mappings"]["properties"]
    assert properties["title"]["analyzer"] == "xt_folding"
    assert set(properties["title"]["fields"]) == {"exact", "ac"}
    assert properties["location"]["type"] == "geo_point"


def test_products_are_boosted_by_stock_and_ocop_in_the_request(es):
    from search.services import build_query

    query = build_query("products", "nem chua", locale="vi")
    body = es._search(query).query(es._popularity(es._text_query(query.text))).to_dict()
    functions = body["query"]["function_score"]["functions"]
    assert {"filter": {"term": {"in_stock": True}}, "weight": 0.3} in functions
    assert body["query"]["function_score"]["boost_mode"] == "multiply"


def test_rebuild_swaps_the_alias_while_queries_keep_answering(es, content):
    rebuild(backend=es)
    alias = es.alias("products", "vi")
    before = es.indices_behind(alias)
    expected = search.search("products", "", locale="vi", log=False).total
    assert expected >= 4  # the test's products, and the demo's when another test loaded it

    seen: list = []
    errors: list = []
    stop = threading.Event()

    def keep_searching():
        while not stop.is_set():
            try:
                seen.append(search.search("products", "", locale="vi", log=False, backend=es).total)
            except Exception as error:  # noqa: BLE001 — any failure is what this test looks for
                errors.append(error)

    thread = threading.Thread(target=keep_searching)
    thread.start()
    try:
        for _ in range(3):
            rebuild(["products"], backend=es)
    finally:
        stop.set()
        thread.join()
    after = es.indices_behind(alias)
    assert len(seen) > 5
    assert errors == []
    assert set(seen) == {expected}  # never empty, never doubled
    assert len(after) == 1 and after != before
    assert not es.client.indices.exists(index=before[0])


def test_the_command_rebuilds_with_a_rate(es, content):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("search_index", "--rebuild", stdout=out)
    assert re.search(r"elasticsearch: products/vi: \d+ documents", out.getvalue())
    assert "documents/s" in out.getvalue()
    found = search.search("attractions", "citadel", locale="en", log=False)
    assert found.hits[0].document.title == "Citadel of the Hồ Dynasty"


def test_index_body_is_what_the_node_accepts(es):
    body = index_body()
    assert body["settings"]["analysis"]["filter"]["xt_edge"]["type"] == "edge_ngram"
    assert set(body["settings"]["analysis"]["analyzer"]) == {"xt_folding", "xt_exact", "xt_autocomplete"}
