"""Loading many objects at once (`load_demo`): the per-save work that keeps the response cache
and the indexes in step with one object — finding the paths a page is cached under,
re-indexing it, recording what it references — waits, and one `invalidate_all()` and one rebuild
of each index replace thousands of small ones. Renditions made ahead of time wait for a first
view, as Wagtail does by default. Measured on the demo (SQLite, profiled): 57 s of renditions,
28 s of cached-page paths and 25 s of re-indexing out of 223 s. Then (PostgreSQL): Wagtail's
reference index and admin search index, written on each of 1,231 and 830 saves, took 33 s of
an 84-s profiled load; written once at the end, `load_demo` takes 35 s instead of 56 s.

Version counters of cached fragments still move on every save (they are one UPDATE each and
what a fragment's key is made of)."""

import functools
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.management import call_command
from django.db.models.signals import post_save

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
def _references_indexed_at_the_end():
    """Wagtail's reference index (what the admin's "usage" and our private files read) is
    rebuilt once, by Wagtail's own command, instead of on every save of every object."""
    from wagtail.signal_handlers import disable_reference_index_auto_update

    try:
        with disable_reference_index_auto_update():
            yield
    finally:  # also after a failed load: what it saved before failing is kept
        call_command("rebuild_references_index", verbosity=0)


@contextmanager
def _admin_search_entries_written_at_the_end():
    """Wagtail's admin search index (modelsearch, on the database) is written per save: one
    insert and a recount of every title's weight each time, for objects saved several times
    over (created, revised, published). Here each object saved is indexed once, in one bulk
    insert per model, after the load. Signal (dis)connection is process-wide: this is for a
    management command, not a request."""
    from modelsearch import index
    from modelsearch.backends import get_search_backends
    from modelsearch.signal_handlers import post_save_signal_handler

    saved: dict[type, set] = {}

    def note_saved(sender, instance, raw=False, **kwargs):
        if not raw:
            saved.setdefault(sender, set()).add(instance.pk)

    models = [model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_save.connect(note_saved, sender=model, weak=False)
    try:
        yield
    finally:  # also after a failed load: a second load does not save what already exists
        for model in models:
            post_save.disconnect(note_saved, sender=model)
            post_save.connect(post_save_signal_handler, sender=model)
        to_index: dict[type, list] = {}
        for model, pks in saved.items():
            for instance in model._default_manager.filter(pk__in=pks).order_by("pk"):  # rows kept
                indexed = index.get_indexed_instance(instance)
                if indexed is not None:
                    to_index.setdefault(type(indexed), []).append(indexed)
        for backend in get_search_backends(with_auto_update=True):
            for model, instances in to_index.items():
                backend.add_bulk(model, instances)


@contextmanager
def loading_in_bulk():
    """The caller rebuilds the site's search index inside (search's own demo step does); Wagtail's
    reference index is rebuilt once the load has finished; every kept response is dropped on
    the way out, whether the load finished or not."""
    from .page_cache import invalidate_all

    token = _loading.set(True)
    try:
        with _references_indexed_at_the_end(), _admin_search_entries_written_at_the_end():
            yield
    finally:
        _loading.reset(token)
        invalidate_all()
