"""The database backend's folding agrees with PostgreSQL's unaccent, and it works on SQLite."""

import pytest
from django.db import connection

from search.folding import fold, strip_marks

# Every test here sees the module's rows, whether it asks for them or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db(databases=["default", "search_sqlite"]), pytest.mark.usefixtures("built_content")]

WORDS = [
    "Đặc sản",
    "ĐẶC SẢN",
    "Thanh Hóa",
    "Thành nhà Hồ",
    "Nem chua lá ổi",
    "Bánh gai Tứ Trụ",
    "Chiếu cói Nga Sơn",
    "Sầm Sơn",
    "Vĩnh Lộc",
    "Cẩm Thủy",
    "Hậu Lộc",
    "Mường Lát",
    "Quảng Xương",
    "Ngọc Lặc",
    "Đông Sơn",
    "Bỉm Sơn",
    "Hoằng Hóa",
    "Triệu Sơn",
    "rượu",
    "phở",
    "ưỡn",
]


def test_fold_examples():
    assert fold("Đặc sản!") == "dac san"
    assert fold("  Nem  chua—Thanh Hóa ") == "nem chua thanh hoa"
    assert strip_marks("Đường Lê Lợi") == "Duong Le Loi"


def test_our_folding_matches_postgresql_unaccent():
    """The migration installs unaccent; our Python folding gives the same text as PostgreSQL's
    lower(unaccent(…)), đ included, so hand-written SQL over the index agrees with search."""
    if connection.vendor != "postgresql":
        pytest.skip("unaccent is PostgreSQL's")
    with connection.cursor() as cursor:
        for word in WORDS:
            cursor.execute("SELECT lower(unaccent(%s))", [word])
            assert cursor.fetchone()[0] == strip_marks(word).lower(), word


def test_trigram_index_exists_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("pg_trgm is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_doc_folded_trgm'")
        assert "gin_trgm_ops" in cursor.fetchone()[0]


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_the_search_statement_is_planned_for_its_words_while_others_are_prepared(content):
    """Statements run again are prepared (portal/settings/base.py), but not the search: a plan
    kept from other words would read every document through the trigram index."""
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    from search.backends.database import DatabaseBackend
    from search.models import SearchDocument
    from search.services import build_query

    backend = DatabaseBackend()
    query = build_query("products", "nem chua", {"ocop": ["4"]}, None, "relevance", 1, "vi")
    for _ in range(8):
        backend.search(query)
        SearchDocument.objects.filter(locale="vi").count()
    prepared = _prepared_statements()
    assert any("search_searchdocument" in sql and "COUNT(*)" in sql for sql in prepared), prepared
    assert not any("WITH m AS" in sql for sql in prepared)


@pytest.mark.parametrize("alias", ["default", "search_sqlite"])
def test_a_faceted_search_reads_the_matches_once(alias, content, settings):
    """Hits with their cards' columns, the total and every facet count come from one statement
    (the text matched once), the facets' labels (categories and areas together) from one more on
    the site's database, on every search (nothing kept between requests); PostgreSQL and SQLite."""
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    from search.backends.database import DatabaseBackend
    from search.services import build_query
    from tests.search.conftest import index_content

    backend = DatabaseBackend(alias)
    index_content(backend, content)
    nga_son = str(content.areas["nga_son"][0].translation_key)
    query = build_query("products", "nem", {"area": [nga_son], "ocop": ["4"], "price": ["50000-100000"]}, locale="vi")
    for _first_then_again in range(2):
        with (
            CaptureQueriesContext(connections["default"]) as site,
            CaptureQueriesContext(connections[alias]) as searched,
        ):
            result = backend.search(query)
        labels = [q for q in site.captured_queries if "translation_key" in q["sql"]]
        assert len(labels) == 1
        assert len(searched.captured_queries) == (2 if alias == "default" else 1)
    assert [hit.document.title for hit in result.hits] == ["Nem chua Thanh Hóa"]
    assert {c.value: c.count for c in result.facets["ocop"]} == {"4": 1}  # Nem chua lá ổi has no stars
    assert {c.value: c.count for c in result.facets["price"]} == {"50000-100000": 1}
