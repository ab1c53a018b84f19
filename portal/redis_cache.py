"""Django's RedisCache, with Redis failures treated as cache misses instead of errors.

The cache only saves work: when Redis does not answer, pages are built from PostgreSQL,
rate limits and the sign-in lockout let requests through, and nothing answers 500
(django-redis calls this IGNORE_EXCEPTIONS). After a failure the process skips Redis for
`RETRY_SECONDS`, so a Redis that is down costs each request nothing, not a timeout per
lookup. /healthz still reports Redis as down (it asks Redis directly).

What a miss cannot undo: an invalidation (a generation bump) lost while Redis is unreachable
but not restarted is seen when the entries expire (FRAGMENT_CACHE_SECONDS, PAGE_CACHE_SECONDS).
"""

import logging
import time

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

log = logging.getLogger(__name__)

RETRY_SECONDS = 2.0
_FAILURES = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


class OneClientPerPool(RedisCacheClient):
    """Django builds a new `redis.Redis` for every cache operation, and redis-py's constructor
    fills a table of some 340 response callbacks each time: two thirds of the Python work of a
    response-cache hit. A client is only a handle on its thread-safe connection pool, so one
    per pool serves every thread."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:  # two threads may both build one here; either serves
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class ForgivingRedisCache(RedisCache):
    _down_until = 0.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = OneClientPerPool

    def _call(self, method, default, *args, **kwargs):
        return self._guarded(getattr(super(), method), default, *args, **kwargs)

    def _guarded(self, function, default, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return default
        try:
            return function(*args, **kwargs)
        except _FAILURES as error:
            if time.monotonic() >= self._down_until:
                log.warning("Redis cache unreachable (%s); serving without it for %.0f s", error, RETRY_SECONDS)
            ForgivingRedisCache._down_until = time.monotonic() + RETRY_SECONDS  # for every thread's instance
            return default

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", [], data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        self._call("delete_many", None, keys, version)

    def clear(self):
        return self._call("clear", False)

    def incr(self, key, delta=1, version=None):
        result = self._call("incr", None, key, delta, version)
        if result is None:  # callers already handle a missing key (they set it, which is a no-op now)
            raise ValueError(f"Key '{key}' not found (Redis unreachable).")
        return result

    # What Django's cache API lacks, for the response cache's reverse index of dependents
    # (portal/page_cache.py): Redis sets, and many increments in one round trip.

    def _pipelined(self, keys, *commands):
        with self._cache.get_client(write=True).pipeline(transaction=False) as pipe:
            for key in keys:
                made = self.make_and_validate_key(key)
                for command, args in commands:
                    getattr(pipe, command)(made, *args)
            return pipe.execute()

    def add_to_sets(self, keys, member: str, timeout: int) -> None:
        self._guarded(self._pipelined, None, keys, ("sadd", (member,)), ("expire", (timeout,)))

    def members_of_sets(self, keys) -> "set[str]":  # quoted: `set` here is the method above
        found = self._guarded(self._pipelined, [], keys, ("smembers", ()))
        return {member.decode() for members in found for member in members}

    def incr_many(self, keys) -> None:
        """INCR each key; a missing one becomes 1, kept with no expiry (as `cache.set(key, 1, None)`)."""
        self._guarded(self._pipelined, None, keys, ("incr", ()))
