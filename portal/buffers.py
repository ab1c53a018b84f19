"""Writes that must not make a request wait: gathered in memory, written in bulk.

A view adds an item (a list append or a counter increment under a lock); nothing touches
the database during the request. The buffer is written after a response has been sent
(`flush_if_due`, connected to Django's `request_finished`) once it holds `size` entries or
its oldest entry is `age` seconds old, and at interpreter exit. The page-view counter
(dashboards) and the scan log (traceability) use it.
"""

import atexit
import contextlib
import threading
import time
from collections import Counter
from collections.abc import Callable

from django.conf import settings


class WriteBuffer:
    def __init__(
        self,
        write: Callable[[list | Counter], int],
        *,
        size_setting: str,
        age_setting: str,
        default_size: int,
        default_age: float,
        counting: bool = False,
    ):
        self._write = write  # writes what was taken, returns how many; must catch its own errors
        self._counting = counting  # a Counter of keys instead of a list of items
        self._size = (size_setting, default_size)
        self._age = (age_setting, default_age)
        self._lock = threading.Lock()
        self._items = self._empty()
        self._oldest = 0.0
        atexit.register(self._flush_at_exit)

    def _empty(self):
        return Counter() if self._counting else []

    def add(self, item) -> None:
        with self._lock:
            if not self._items:
                self._oldest = time.monotonic()
            if self._counting:
                self._items[item] += 1
            else:
                self._items.append(item)

    def pending(self) -> int:
        """Items added but not yet written (for a counter, the sum of its counts)."""
        return sum(self._items.values()) if self._counting else len(self._items)

    def discard(self) -> None:
        """Forget what is buffered (tests, whose database is gone by the time the process exits)."""
        with self._lock:
            self._items = self._empty()

    def flush_if_due(self, **kwargs) -> None:
        size = getattr(settings, *self._size)
        age = getattr(settings, *self._age)
        if self._items and (len(self._items) >= size or time.monotonic() - self._oldest >= age):
            self.flush()

    def flush(self) -> int:
        with self._lock:
            items, self._items = self._items, self._empty()
        return self._write(items) if items else 0

    def _flush_at_exit(self) -> None:
        # The database may be gone at interpreter exit.
        with contextlib.suppress(Exception):
            self.flush()
