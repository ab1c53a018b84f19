"""Test data built once per module instead of once per test.

Building a small catalogue of live pages in both languages takes seconds; a module of
read-mostly tests (the search contract runs 114) need not pay that each time. The data is
written inside a transaction that stays open while the module's tests run and is rolled back
after its last one, so nothing is ever committed. Each test still runs inside its own
savepoint (pytest-django's `db`), so whatever a test writes is undone before the next; and it
gets a deep copy of the built objects, so that an object a test changes in memory (a page it
unpublishes) is fresh again for the next.

Only for modules whose tests use `db`, not `transactional_db` or `live_server`, which commit
or flush and cannot run inside an open transaction.
"""

import copy

from django.db import transaction


def built_once_per_module(django_db_blocker, build):
    """The body of a module-scoped fixture: yields what `build()` returns, built once."""
    module_transaction = transaction.atomic()
    with django_db_blocker.unblock():
        module_transaction.__enter__()
    try:
        with django_db_blocker.unblock():
            built = build()
        yield built
    finally:  # after the module's last test, or a failed build
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            module_transaction.__exit__(None, None, None)


def fresh_copy(built):
    """What a test gets: its own copy of the built objects (the rows are shared)."""
    return copy.deepcopy(built)
