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


# Tests that share a server run in one pytest-xdist worker (`--dist loadgroup`): the
# browser tests (tests/e2e: their live site and Chromium), the production stack with the Elasticsearch node (one
# JVM), localstripe (one per machine, behind a lock file) and the committed demo (loaded once).
# In this order: each worker runs what it is sent in this order (see _run_order).
GROUPS = (
    ("demo", ("demo_db",)),
    ("search_and_stack", ("stack", "elasticsearch_url")),
    ("localstripe", ("localstripe",)),
)


def _group(item) -> str | None:
    if "/e2e/" in str(item.fspath):
        return "browser"
    fixtures = set(getattr(item, "fixturenames", ()))
    return next((name for name, needs in GROUPS if fixtures & set(needs)), None)


def _run_order(item) -> tuple:
    """Serially: the committed demo after every other database test, so no test that counts rows
    sees it; browser tests last. Under xdist, the two longest groups first (the browser tests on
    one worker, the production stack on the other) while the short tests fill both workers, and
    the demo group at the end: a worker that has loaded the demo takes nothing after it."""
    if not _xdist_groups:
        return ("/e2e/" in str(item.fspath), "demo_db" in getattr(item, "fixturenames", ()))
    group = _group(item)
    return {"browser": 0, "search_and_stack": 1}.get(group, 2), group == "demo"


_xdist_groups = False


def pytest_configure(config):
    global _xdist_groups
    # xdist's controller has dist == "loadgroup"; its workers have dist == "no" and loadgroup set.
    _xdist_groups = getattr(config.option, "dist", "no") == "loadgroup" or getattr(config.option, "loadgroup", False)
    if _xdist_groups:
        # Keep the order above: xdist would otherwise put the largest groups first.
        config.option.loadscopereorder = False


def pytest_collection_modifyitems(config, items):
    items.sort(key=_run_order)  # after pytest-django's own (tryfirst) sort by kind of database use


def pytest_itemcollected(item):
    """The group marks, before xdist's worker reads them (in its pytest_collection_modifyitems)."""
    group = _group(item) if _xdist_groups else None
    if group:
        item.add_marker(pytest.mark.xdist_group(group))


def pytest_sessionfinish(session, exitstatus):
    """Buffered page views and scans belong to test databases that no longer exist at exit."""
    from dashboards import pageviews
    from traceability import scans

    pageviews.discard()
    scans.discard()
