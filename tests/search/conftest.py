"""Fixtures of the search contract: the backends (PostgreSQL, SQLite, a live Elasticsearch
node) and a small catalogue, tourism and board content built per test."""

import datetime
import tempfile
import uuid
from pathlib import Path

import pytest
from django.db import connections

from search.backends.database import DatabaseBackend
from search.models import SearchDocument, SearchFacetTerm, SearchFacetValue
from tests.module_data import built_once_per_module, fresh_copy

SQLITE_ALIAS = "search_sqlite"
BACKENDS = ["postgresql", "sqlite", "elasticsearch"]


@pytest.fixture(scope="session", autouse=True)
def sqlite_search_db(django_db_setup, django_db_blocker):
    """A second connection, to an SQLite file, holding only the search tables: the database
    backend runs there exactly as it does for `make run`."""
    path = Path(tempfile.mkdtemp(prefix="xuthanh-search-")) / "search.sqlite3"
    configured = connections.configure_settings(
        {
            "default": connections.settings["default"],
            SQLITE_ALIAS: {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)},
        }
    )
    connections.settings[SQLITE_ALIAS] = configured[SQLITE_ALIAS]
    connections.settings[SQLITE_ALIAS]["TEST"]["NAME"] = str(path)
    with django_db_blocker.unblock(), connections[SQLITE_ALIAS].schema_editor() as editor:
        editor.create_model(SearchDocument)
        editor.create_model(SearchFacetTerm)
        editor.create_model(SearchFacetValue)
    yield SQLITE_ALIAS
    connections[SQLITE_ALIAS].close()


@pytest.fixture(params=BACKENDS)
def backend(request, settings):
    """Each backend under test, made the one `search.search` uses (ELASTICSEARCH_URL, or
    the database alias), so that signal-driven indexing goes to it too."""
    request.getfixturevalue("sqlite_search_db")
    if request.param == "postgresql":
        settings.ELASTICSEARCH_URL = None
        settings.SEARCH_DATABASE_ALIAS = "default"
        request.getfixturevalue("db")
        yield DatabaseBackend("default")
    elif request.param == "sqlite":
        alias = request.getfixturevalue("sqlite_search_db")
        settings.ELASTICSEARCH_URL = None
        settings.SEARCH_DATABASE_ALIAS = alias
        request.getfixturevalue("db")
        backend = DatabaseBackend(alias)
        backend.clear()
        yield backend
        backend.clear()
    else:
        url = request.getfixturevalue("elasticsearch_url")
        from search.backends.elastic import ElasticsearchBackend

        settings.ELASTICSEARCH_URL = url
        settings.SEARCH_INDEX_PREFIX = request.getfixturevalue("es_session_prefix")
        request.getfixturevalue("db")
        backend = ElasticsearchBackend.for_url(url)
        backend.delete_all_documents()
        yield backend
        backend.delete_all_documents()


@pytest.fixture(scope="session")
def es_session_prefix(elasticsearch_url):
    """One set of contract indices for the session (emptied between tests: creating fourteen
    indices per test would cost seconds each time)."""
    from search.backends.elastic import ElasticsearchBackend

    prefix = f"contract{uuid.uuid4().hex[:8]}"
    yield prefix
    ElasticsearchBackend(ElasticsearchBackend.for_url(elasticsearch_url).client, prefix=prefix).clear()


@pytest.fixture(scope="module")
def built_content(django_db_setup, django_db_blocker):
    """Products, producers, attractions, events and board posts in both languages, built once
    for the module's tests (tests/module_data.py): the search contract alone runs 114 tests."""
    from django.test import override_settings

    from portal.demo import home_pages
    from tests.search.content import build_content

    def build():
        # Wagtail's own (admin) search index is not under test here; skipping its updates
        # halves the time to build the pages.
        admin_search = {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}}
        with override_settings(WAGTAILSEARCH_BACKENDS=admin_search):
            return build_content(*home_pages())

    yield from built_once_per_module(django_db_blocker, build)


@pytest.fixture
def content(db, built_content):
    """The content, as this test's own copy of the objects (the rows are the module's)."""
    return fresh_copy(built_content)


def index_content(backend, content) -> int:
    """Index exactly the test content (not whatever else the database holds, such as the demo
    content another test committed), replacing everything the backend had."""
    from search.backends.elastic import ElasticsearchBackend
    from search.documents import kinds_for_model
    from search.indexing import documents_of

    if isinstance(backend, ElasticsearchBackend):
        backend.delete_all_documents()
    else:
        backend.clear()  # inside the test's transaction: rolled back afterwards
    docs = [doc for obj in content.objects() for kind in kinds_for_model(type(obj)) for doc in documents_of(kind, obj)]
    return backend.index(docs)


@pytest.fixture
def indexed(backend, content):
    """The content indexed in the backend under test (`rebuild` itself is tested in
    test_elasticsearch.py and test_demo.py)."""
    index_content(backend, content)
    return content


def days(n: int) -> datetime.date:
    from django.utils import timezone

    return timezone.localdate() + datetime.timedelta(days=n)
