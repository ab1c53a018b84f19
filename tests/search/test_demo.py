"""The issue's examples on the demo content, on every backend (index rebuilt from the demo)."""

import uuid

import pytest

import search
from search.backends.database import DatabaseBackend
from search.indexing import rebuild

pytestmark = pytest.mark.django_db(databases=["default", "search_sqlite"])


@pytest.fixture(params=["postgresql", "sqlite", "elasticsearch"])
def demo_backend(request, demo_db, settings):
    if request.param == "elasticsearch":
        from search.backends.elastic import ElasticsearchBackend

        url = request.getfixturevalue("elasticsearch_url")
        settings.ELASTICSEARCH_URL = url
        settings.SEARCH_INDEX_PREFIX = f"demo{uuid.uuid4().hex[:8]}"
        backend = ElasticsearchBackend.for_url(url)
        stats = rebuild(backend=backend)
        yield backend, stats
        backend.clear()
        return
    alias = "default" if request.param == "postgresql" else "search_sqlite"
    settings.ELASTICSEARCH_URL = None
    settings.SEARCH_DATABASE_ALIAS = alias
    backend = DatabaseBackend(alias)
    stats = rebuild(backend=backend)
    yield backend, stats
    backend.clear()


def titles(result):
    return [hit.document.title for hit in result.hits]


def test_demo_examples(demo_backend):
    _backend, stats = demo_backend
    assert stats["documents"] > 100

    nem = search.search("products", "nem chua thanh hoa", locale="vi", log=False)
    # The demo's pork rolls are "Nem chua Vị Thanh" and "Nem chua Bà Lan" (both from Thanh Hóa).
    assert nem.total >= 1
    assert titles(nem)[0].startswith("Nem chua")

    folded = search.search("all", "dac san", locale="vi", log=False, per_page=100)
    assert folded.total > 0
    for text in ("Dac San", "đặc sản", "ĐẶC SẢN"):
        same = search.search("all", text, locale="vi", log=False, per_page=100)
        assert set(titles(same)) == set(titles(folded)), text

    assert titles(search.search("attractions", "thanh nha ho", locale="vi", log=False))[0] == "Thành nhà Hồ"
    assert titles(search.search("attractions", "citadel", locale="en", log=False))[0] == "Citadel of the Hồ Dynasty"
    assert titles(search.search("all", "citadel", locale="en", log=False))[0] == "Citadel of the Hồ Dynasty"
