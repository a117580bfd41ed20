"""Django's Redis cache, for a shop that must not need it.

The cache only makes pages faster: when Redis is stopped, unreachable or
hangs, every call answers as a miss instead of raising. ``get`` gives the
default, ``get_many`` nothing, ``add``, ``has_key``, ``touch`` and ``delete``
False, ``set`` and ``set_many`` write nothing, and ``incr`` raises
``ValueError`` as for a key that is not there. Callers read the database
instead, so nothing that must hold (a limit, a session) may live only in the
cache: see ``shop.limits`` and the ``cached_db`` sessions.

Each call waits at most ``socket_connect_timeout`` and ``socket_timeout``
(OPTIONS; short by default). After a failure the process leaves Redis alone
for ``RETRY_AFTER`` seconds, so a request during an outage waits for no
timeout at all; then one call tries again, and the first that is answered
ends the outage. Writes and deletes dropped meanwhile are deleted from Redis
then, so a value changed during the outage (a session signed out, the page
cache's content version) is not read back stale from a Redis that kept its
data. The outage is logged when it starts, at most once a minute while it
lasts, and when it ends.

Django's ``RedisCacheClient`` builds a new ``redis.Redis`` for every cache
call, and each one fills a table of some 170 reply parsers: on a page served
from the cache that was a third of the request's time. A client is
thread-safe and cheap to keep, so each pool keeps one.
"""

import logging
import threading
import time
from urllib.parse import urlsplit, urlunsplit

from django.core.cache.backends import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from redis import exceptions

logger = logging.getLogger(__name__)

# What "Redis is not there" looks like; anything else is a bug and is raised.
UNAVAILABLE = (
    exceptions.ConnectionError,
    exceptions.TimeoutError,
    exceptions.ReadOnlyError,
    exceptions.OutOfMemoryError,
)

DEFAULT_OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}
RETRY_AFTER = 5.0
LOG_EVERY = 60.0
# Keys whose write was dropped, kept to delete once Redis answers.
MAX_DROPPED_KEYS = 10_000

# The clock of outages; tests move it.
monotonic = time.monotonic


class RedisCacheClient(redis.RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        # Pools live as long as this object, so their ids stay theirs.
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class Outage:
    """Whether one Redis is being left alone, shared by a process's threads
    (Django makes a cache object per thread)."""

    def __init__(self, location: str, retry_after: float):
        self.location = location
        self.retry_after = retry_after
        self._lock = threading.Lock()
        self.down = False
        self._started = 0.0
        self._skip_until = 0.0
        self._logged_at = 0.0
        self._misses = 0
        self._dropped = set()
        self._dropped_too_many = False

    def allows_call(self) -> bool:
        if not self.down:
            return True
        now = monotonic()
        with self._lock:
            if now < self._skip_until:
                self._misses += 1
                self._log_if_due(now)
                return False
            # This call tries Redis again; the others skip until it knows.
            self._skip_until = now + self.retry_after
            return True

    def failed(self, error: Exception) -> None:
        now = monotonic()
        with self._lock:
            self._skip_until = now + self.retry_after
            self._misses += 1
            if not self.down:
                self.down = True
                self._started = self._logged_at = now
                logger.warning(
                    "cache unreachable, serving without it",
                    extra={"cache": self.location, "error": repr(error)},
                )
            else:
                self._log_if_due(now)

    def _log_if_due(self, now: float) -> None:
        if now - self._logged_at >= LOG_EVERY:
            self._logged_at = now
            logger.warning(
                "cache still unreachable",
                extra={
                    "cache": self.location,
                    "seconds": round(now - self._started),
                    "calls_missed": self._misses,
                },
            )

    def dropped(self, keys) -> None:
        """Writes to these keys did not reach Redis."""
        with self._lock:
            if self._dropped_too_many:
                return
            self._dropped.update(keys)
            if len(self._dropped) > MAX_DROPPED_KEYS:
                # Beyond this, entries may be read stale until they expire.
                self._dropped_too_many = True
                self._dropped.clear()

    def dropped_everything(self) -> None:
        with self._lock:
            self._dropped_too_many = True
            self._dropped.clear()

    def take_dropped(self):
        """The keys whose writes were lost, to delete before Redis is read."""
        with self._lock:
            keys, self._dropped = self._dropped, set()
            return keys

    def answered(self, *, stale_keys_deleted: int) -> None:
        """Redis answered again: the outage is over."""
        with self._lock:
            if not self.down:
                return
            self.down = False
            everything, self._dropped_too_many = self._dropped_too_many, False
            logger.warning(
                "cache answers again",
                extra={
                    "cache": self.location,
                    "seconds": round(monotonic() - self._started),
                    "calls_missed": self._misses,
                    "stale_keys_deleted": stale_keys_deleted,
                    # Too many to keep: some may be read stale until they expire.
                    "stale_keys_forgotten": everything,
                },
            )
            self._misses = 0


def _without_password(url: str) -> str:
    """The server's address as logs may show it."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=host))


_outages = {}
_outages_lock = threading.Lock()


def outage_of(location: str, retry_after: float) -> Outage:
    with _outages_lock:
        outage = _outages.get(location)
        if outage is None:
            outage = _outages[location] = Outage(location, retry_after)
        return outage


class RedisCache(redis.RedisCache):
    """Django's Redis cache that answers a miss while Redis is away.

    ``RETRY_AFTER`` (beside ``LOCATION``) is how many seconds a process
    leaves Redis alone after a failure (default 5).
    """

    def __init__(self, server, params):
        options = {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = RedisCacheClient
        location = ",".join(_without_password(url) for url in self._servers)
        self._outage = outage_of(
            location, float(params.get("RETRY_AFTER", RETRY_AFTER))
        )

    def _call(self, call, miss, *, writes=()):
        """call() against Redis, or ``miss`` when Redis is away.

        ``writes``: the keys call() changes, to delete once Redis is back if
        the change was lost.
        """
        if not self._outage.allows_call():
            self._outage.dropped(writes)
            return miss
        try:
            deleted = self._delete_stale() if self._outage.down else 0
            result = call()
        except UNAVAILABLE as error:
            self._outage.failed(error)
            self._outage.dropped(writes)
            return miss
        if self._outage.down:
            self._outage.answered(stale_keys_deleted=deleted)
        return result

    def _delete_stale(self) -> int:
        """Delete what changed while Redis was away, before anything is read."""
        keys = self._outage.take_dropped()
        try:
            if keys:
                self._cache.delete_many(list(keys))
        except UNAVAILABLE:
            self._outage.dropped(keys)
            raise
        return len(keys)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        return self._call(lambda: self._cache.add(key, value, timeout), False)

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._call(lambda: self._cache.get(key, default), default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        self._call(lambda: self._cache.set(key, value, timeout), None, writes=[key])

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        return self._call(lambda: self._cache.touch(key, timeout), False)

    def delete(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._call(lambda: self._cache.delete(key), False, writes=[key])

    def get_many(self, keys, version=None):
        return self._call(lambda: super(RedisCache, self).get_many(keys, version), {})

    def has_key(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._call(lambda: self._cache.has_key(key), False)

    def incr(self, key, delta=1, version=None):
        made = self.make_and_validate_key(key, version=version)
        missing = object()
        result = self._call(
            lambda: self._cache.incr(made, delta), missing, writes=[made]
        )
        if result is missing:
            raise ValueError(f"Key '{key}' not found: the cache is unreachable.")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        if not data:
            return []
        made = {self.make_and_validate_key(k, version=version): k for k in data}
        timeout = self.get_backend_timeout(timeout)
        values = {key: data[original] for key, original in made.items()}
        failed = self._call(
            lambda: self._cache.set_many(values, timeout) or [],
            list(data),
            writes=list(made),
        )
        return failed

    def delete_many(self, keys, version=None):
        if not keys:
            return
        made = [self.make_and_validate_key(key, version=version) for key in keys]
        self._call(lambda: self._cache.delete_many(made), None, writes=made)

    def clear(self):
        cleared = self._call(self._cache.clear, False)
        if not cleared and self._outage.down:
            self._outage.dropped_everything()
        return cleared
