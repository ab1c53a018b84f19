"""Loading many objects at once (`load_demo`): the per-save work that keeps the response cache
and the search index in step with one object — finding the paths a page is cached under,
re-indexing it — waits, and one `invalidate_all()` and one index rebuild replace thousands of
small ones. Renditions made ahead of time wait for a first view, as Wagtail does by default. Measured
on the demo (SQLite, profiled): 57 s of renditions, 28 s of cached-page paths and 25 s of
re-indexing out of 223 s.

Version counters of cached fragments still move on every save (they are one UPDATE each and
what a fragment's key is made of)."""

import functools
from contextlib import contextmanager
from contextvars import ContextVar

_loading = ContextVar("bulk_loading", default=False)


def loading() -> bool:
    return _loading.get()


def skipped_while_loading(handler):
    """For a signal handler whose work `loading_in_bulk` does once at the end."""

    @functools.wraps(handler)
    def wrapper(*args, **kwargs):
        if not _loading.get():
            return handler(*args, **kwargs)

    return wrapper


@contextmanager
def loading_in_bulk():
    """The caller rebuilds the search index inside (search's own demo step does); every kept
    response is dropped on the way out, whether the load finished or not."""
    from .page_cache import invalidate_all

    token = _loading.set(True)
    try:
        yield
    finally:
        _loading.reset(token)
        invalidate_all()
