"""Shared fixtures. Servers (localstripe, Elasticsearch, Chromium) live in tests/servers/
and are started once per session by the fixtures that need them."""

import io

import pytest
from django.core.management import call_command

from tests.migrated_rows import restore_migrated_rows
from tests.servers.elasticsearch import elasticsearch_url  # noqa: F401  (session fixture: a live Elasticsearch node)


@pytest.fixture(autouse=True)
def _fresh_process_caches():
    """Locales cached in the process may belong to a rolled-back test transaction, and so may
    buffered scans and page views: left over, they fall due (10 s) inside a later test's
    request and are written there, which query counts would charge to that page. The shared
    cache (the response cache is on, as in production) starts empty in every test."""
    from django.core.cache import cache

    from dashboards import pageviews
    from portal.i18n import forget_locales
    from traceability import scans

    forget_locales()
    cache.clear()
    pageviews.discard()
    scans.discard()


@pytest.fixture
def site_pages(db):
    """The home page in Vietnamese and English, as `load_demo` installs it."""
    from portal.demo import home_pages

    return home_pages()


@pytest.fixture(scope="session")
def demo_db(django_db_setup, django_db_blocker):
    """The full demo content, loaded (and committed) once for the session: loading it takes
    tens of seconds. Tests that use it run after every other database test (see below), so no
    test that counts rows sees it; each still runs in its own rolled-back transaction (`db`)."""
    with django_db_blocker.unblock():
        restore_migrated_rows()
        call_command("load_demo", stdout=io.StringIO())


def pytest_collection_modifyitems(config, items):
    """Tests on the committed demo after the others; browser tests last: they are the slowest
    and start their own site (with its own database)."""
    items.sort(key=lambda item: ("/e2e/" in str(item.fspath), "demo_db" in getattr(item, "fixturenames", ())))


def pytest_sessionfinish(session, exitstatus):
    """Buffered page views and scans belong to test databases that no longer exist at exit."""
    from dashboards import pageviews
    from traceability import scans

    pageviews.discard()
    scans.discard()
