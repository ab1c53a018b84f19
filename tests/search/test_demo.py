"""The issue's examples on the demo content (the session's `demo_db`), on every backend (index
rebuilt from the demo)."""

import uuid

import pytest

import search
from search.backends.database import DatabaseBackend
from search.backends.elastic import ElasticsearchBackend
from search.indexing import rebuild

pytestmark = pytest.mark.django_db(databases=["default", "search_sqlite"])


def titles(result):
    return [hit.document.title for hit in result.hits]


def check_examples() -> None:
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


def test_demo_examples_on_every_backend(settings, elasticsearch_url, demo_db):
    for alias in ("default", "search_sqlite"):  # PostgreSQL, then SQLite
        settings.ELASTICSEARCH_URL = None
        settings.SEARCH_DATABASE_ALIAS = alias
        backend = DatabaseBackend(alias)
        try:
            assert rebuild(backend=backend)["documents"] > 100
            check_examples()
        finally:
            backend.clear()

    settings.ELASTICSEARCH_URL = elasticsearch_url
    settings.SEARCH_INDEX_PREFIX = f"demo{uuid.uuid4().hex[:8]}"
    backend = ElasticsearchBackend.for_url(elasticsearch_url)
    try:
        assert rebuild(backend=backend)["documents"] > 100
        check_examples()
    finally:
        backend.clear()
