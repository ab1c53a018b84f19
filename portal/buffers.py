"""Writes that must not make a request wait: gathered outside the database, written in bulk.

A view adds an item; nothing touches the database during the request. Where the item waits:

- With `REDIS_URL` (several app servers), a buffer of records (the scan log): in a Redis
  list, written in the request (one round trip). An app process can die at any moment
  without losing what it acknowledged. The buffer is drained into the database by
  `manage.py schedule` and by a timer in each app process, one drainer at a time (a Redis
  lock). Items are taken by renaming the key, so a drainer that dies mid-way leaves them for
  the next one: a record is written at least once (twice only if a drainer dies between the
  database commit and the Redis delete).
- A counter (page views), and every buffer without Redis (the embedded default): in the
  process's memory, written after a response once it holds `size` entries or its oldest
  entry is `age` seconds old, by a timer thread every second as well (so an idle process
  does not keep them), and at exit. A hard kill (SIGKILL, OOM) loses what is buffered: at
  most `age` seconds of records (README).
  When Redis is configured but does not answer, items wait here too. A counter stays here
  even with Redis: its counts are statistics that any process adds to the day's row in one
  upsert, and a round trip per view halved the throughput of a cached page (`make bench`,
  churn mode); a hard kill loses at most `age` seconds of one process's counts.

`write(items)` writes in one statement and raises on failure. A database that does not
answer keeps the items for the next try (up to `MAX_HELD` in memory); data the database
refuses (a deleted batch, a bad value) is logged and dropped, so it cannot block the rest.
The page-view counter (dashboards) and the scan log (traceability) use it.
"""

import atexit
import contextlib
import json
import logging
import os
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError, close_old_connections

log = logging.getLogger(__name__)

MAX_HELD = 100_000  # items kept in memory while the database does not answer
DRAIN_CHUNK = 2_000  # items written per statement when draining Redis
LOCK_SECONDS = 60  # a drainer that dies frees the lock after this

_redis_clients: dict[str, object] = {}


def redis_client():
    """A client of REDIS_URL (None without it); short timeouts, so a dead Redis costs little."""
    url = getattr(settings, "REDIS_URL", "")
    if not url:
        return None
    if url not in _redis_clients:
        import redis  # only with REDIS_URL: the embedded default runs without the package's server

        _redis_clients[url] = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
    return _redis_clients[url]


def _redis_errors() -> tuple:
    import redis

    return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


class WriteBuffer:
    def __init__(
        self,
        write: Callable[[list | Counter], int],
        *,
        name: str,
        size_setting: str,
        age_setting: str,
        default_size: int,
        default_age: float,
        counting: bool = False,
        encode: Callable = json.dumps,
        decode: Callable = json.loads,
    ):
        self._write = write  # writes what was taken in one statement, returns how many; raises on failure
        self._counting = counting  # a Counter of keys instead of a list of items
        self._encode, self._decode = encode, decode  # item <-> str, for Redis
        self._size = (size_setting, default_size)
        self._age = (age_setting, default_age)
        self._key = f"xuthanh:buffer:{name}"
        self._lock = threading.Lock()
        self._items = self._empty()
        self._oldest = 0.0
        self._timer_pid = None
        self._last_drain = 0.0
        atexit.register(self._flush_at_exit)

    def _empty(self):
        return Counter() if self._counting else []

    # --- adding ---------------------------------------------------------------------------

    def _redis(self):
        """Where this buffer's items wait across processes: Redis for records, never for a
        counter (its counts stay in memory; see the module's docstring)."""
        return None if self._counting else redis_client()

    def add(self, item) -> None:
        self._ensure_timer()
        client = self._redis()
        if client is not None:
            try:
                client.rpush(self._key, self._encode(item))
                return
            except _redis_errors() as error:
                log.warning("Redis did not take a buffered %s (%s); kept in memory", self._key, error)
        self._keep([item] if not self._counting else Counter([item]))

    def _keep(self, items) -> None:
        with self._lock:
            if not self._items:
                self._oldest = time.monotonic()
            if self._counting:
                self._items.update(items)
            else:
                self._items.extend(items)

    def pending(self) -> int:
        """Items added but not yet written (for a counter, the sum of its counts)."""
        here = sum(self._items.values()) if self._counting else len(self._items)
        client = self._redis()
        if client is None:
            return here
        with contextlib.suppress(*_redis_errors()):
            here += sum(client.llen(key) for key in (self._key, self._key + ":taking"))
        return here

    def discard(self) -> None:
        """Forget what is buffered (tests, whose database is gone by the time the process exits)."""
        with self._lock:
            self._items = self._empty()

    # --- writing --------------------------------------------------------------------------

    def flush_if_due(self, **kwargs) -> None:
        size = getattr(settings, *self._size)
        age = getattr(settings, *self._age)
        if self._items and (len(self._items) >= size or time.monotonic() - self._oldest >= age):
            self.flush_memory()

    def flush(self) -> int:
        """Write everything buffered here and, with Redis, everything waiting there."""
        return self.flush_memory() + self.drain_redis()

    def flush_memory(self) -> int:
        with self._lock:
            items, self._items = self._items, self._empty()
        return self._write_or_keep(items) if items else 0

    def _write_or_keep(self, items) -> int:
        try:
            return self._write(items)
        except (OperationalError, InterfaceError) as error:  # the database does not answer: try again later
            held = sum(self._items.values()) if self._counting else len(self._items)
            if held < MAX_HELD:
                self._keep(items)
            log.warning("Could not write %d buffered items (%s); kept for the next try", len(items), error)
        except Exception:  # refused data must not block the rest, nor take down a response
            log.exception("Could not write %d buffered items; dropped", len(items))
        return 0

    def drain_redis(self) -> int:
        """Move what waits in Redis into the database; one drainer at a time across processes."""
        client = self._redis()
        if client is None:
            return 0
        token = uuid.uuid4().hex
        lock = self._key + ":lock"
        written = 0
        try:
            if not client.set(lock, token, nx=True, ex=LOCK_SECONDS):
                return 0
            try:
                # What a drainer that died left behind goes first; then what arrived since.
                for _round in range(2):
                    if not self._take(client):
                        break
                    count, done = self._write_taken(client)
                    written += count
                    if not done:
                        break
            finally:
                if client.get(lock) == token.encode():
                    client.delete(lock)
        except _redis_errors() as error:
            log.warning("Could not drain %s from Redis: %s", self._key, error)
        return written

    def _take(self, client) -> bool:
        """Rename the live key to the taking key (new items start a fresh one); False if nothing waits."""
        taking = self._key + ":taking"
        if client.exists(taking):
            return True
        if not client.exists(self._key):
            return False
        return bool(client.renamenx(self._key, taking))  # only the lock holder removes the live key

    def _write_taken(self, client) -> tuple[int, bool]:
        """Write the taken key, deleting each chunk once written: (written, whether all went)."""
        taking = self._key + ":taking"
        written = 0
        while raw := client.lrange(taking, 0, DRAIN_CHUNK - 1):
            count = self._write_taken_chunk([self._decode(item.decode()) for item in raw])
            if count is None:
                return written, False
            client.ltrim(taking, len(raw), -1)
            written += count
        return written, True

    def _write_taken_chunk(self, items) -> int | None:
        """How many were written; None when the database did not answer (they stay in Redis)."""
        try:
            return self._write(items)
        except (OperationalError, InterfaceError) as error:
            log.warning("Could not write %d items from %s (%s); left in Redis", len(items), self._key, error)
            return None
        except Exception:  # refused data must not block the rest
            log.exception("Could not write %d items from %s; dropped", len(items), self._key)
            return 0

    # --- the timer ------------------------------------------------------------------------

    def _ensure_timer(self) -> None:
        """One daemon thread per process (started after a fork too) that writes when due."""
        if self._timer_pid == os.getpid() or not getattr(settings, "BUFFER_TIMER", True):
            return
        with self._lock:
            if self._timer_pid == os.getpid():
                return
            self._timer_pid = os.getpid()
        threading.Thread(target=self._tick_forever, name=f"flush {self._key}", daemon=True).start()

    def _tick_forever(self) -> None:
        while True:
            time.sleep(1.0)
            with contextlib.suppress(Exception):  # the timer must outlive any one failure
                self.tick()

    def tick(self) -> None:
        """One timer step: memory when due; Redis every `age` seconds."""
        if not getattr(settings, "BUFFER_TIMER", True):  # switched off since the thread started (tests)
            return
        self.flush_if_due()
        age = getattr(settings, *self._age)
        if self._redis() is not None and time.monotonic() - self._last_drain >= age:
            self._last_drain = time.monotonic()
            self.drain_redis()
        close_old_connections()  # the thread's own connection follows CONN_MAX_AGE

    def _flush_at_exit(self) -> None:
        # The database may be gone at interpreter exit.
        with contextlib.suppress(Exception):
            self.flush_memory()
