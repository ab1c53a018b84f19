"""Shared fixtures. Servers (localstripe, Elasticsearch, Chromium) live in tests/servers/
and are started once per session by the fixtures that need them."""

import io

import pytest
from django.core.management import call_command
from pytest_django.plugin import blocking_manager_key

from tests.migrated_rows import restore_migrated_rows
from tests.servers.elasticsearch import elasticsearch_url  # noqa: F401  (session fixture: a live Elasticsearch node)


@pytest.fixture(autouse=True)
def _fresh_process_caches():
    """Locales cached in the process may belong to a rolled-back test transaction, and so may
    buffered scans and page views: left over, they fall due (10 s) inside a later test's
    request and are written there, which query counts would charge to that page. The shared
    cache (the response cache is on, as in production) starts empty in every test."""
    from django.core.cache import cache
    from django.utils import translation

    from dashboards import pageviews
    from portal.i18n import forget_locales
    from traceability import scans

    # The language an earlier test's request left active (LocaleMiddleware does not reset it):
    # each test starts in the default, as a fresh process does, whichever test ran before it.
    translation.deactivate()
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


# Under pytest-xdist (`make test`: two workers, `--dist loadgroup`), tests that share a server
# run in one worker: the browser tests (their live site and Chromium), the production stack with
# the Elasticsearch node it starts, localstripe, and each committed demo (loaded once).
GROUPS = (
    ("demo", ("demo_db",)),
    ("tourism_demo", ("tourism_demo",)),
    ("stack", ("stack",)),
    ("localstripe", ("localstripe",)),
)


def _group(item) -> str | None:
    if "/e2e/" in str(item.fspath):
        return "browser"
    fixtures = set(getattr(item, "fixturenames", ()))
    return next((name for name, needs in GROUPS if fixtures & set(needs)), None)


def _run_order(item) -> tuple:
    """Serially: the committed demo after every other database test, so that no test that
    counts rows sees it, and browser tests last. Under xdist the two longest groups go first
    (the browser tests to one worker, the production stack to the other) while the short tests
    fill both workers; the groups that commit content come last, so that a worker that loaded
    one takes no other test after it."""
    if not _xdist:
        return ("/e2e/" in str(item.fspath), "demo_db" in getattr(item, "fixturenames", ()))
    return {"browser": 0, "stack": 1, "tourism_demo": 3, "demo": 4}.get(_group(item), 2)


_xdist = False


def pytest_configure(config):
    global _xdist
    # The controller has dist == "loadgroup"; its workers have dist == "no" and loadgroup set.
    _xdist = getattr(config.option, "dist", "no") == "loadgroup" or getattr(config.option, "loadgroup", False)
    if _xdist:
        config.option.loadscopereorder = False  # keep the order above (xdist would put big groups first)


def pytest_collection_modifyitems(config, items):
    items.sort(key=_run_order)  # stable: after pytest-django's own (tryfirst) sort by kind of database use


def pytest_itemcollected(item):
    """The group marks, before the worker reads them (in its pytest_collection_modifyitems)."""
    group = _group(item) if _xdist else None
    if group:
        item.add_marker(pytest.mark.xdist_group(group))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test empties the database when it ends; Django puts the rows migrations
    made (locales, the root page, content types) back only when the next serialized test starts.
    Put them back at once, so that whatever test a worker is sent next finds them."""
    yield
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    transactional = marker and (marker.kwargs.get("transaction") or "transactional_db" in fixtures)
    # With no test after it, the session's teardown has already dropped the test database.
    if transactional and nextitem is not None:
        with item.config.stash[blocking_manager_key].unblock():
            restore_migrated_rows()


def pytest_sessionfinish(session, exitstatus):
    """Buffered page views and scans belong to test databases that no longer exist at exit."""
    from dashboards import pageviews
    from traceability import scans

    pageviews.discard()
    scans.discard()
