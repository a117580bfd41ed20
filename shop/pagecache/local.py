"""The page cache's copy in each web process, in front of a shared Redis.

A page served from Redis costs a round trip to it on every request: on a
busy machine, waiting for Redis's turn on the CPU costs more than the rest
of the request. Each process therefore keeps the pages it served last (at
most ``MAX_PAGES``) and the content version it last read, and asks Redis
for the version again only when it is older than
``PAGE_CACHE_LOCAL_SECONDS``. A change made in this process is seen here at
once; in another process or on another host, within that many seconds.

With the embedded default's in-process cache there is nothing to save:
this layer is off (as it is with ``PAGE_CACHE_LOCAL_SECONDS = 0``).
"""

import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

MAX_PAGES = 500

# The clock of the local copy; tests move it.
monotonic = time.monotonic

_lock = threading.Lock()
_pages: OrderedDict = OrderedDict()
_version: tuple[str, float] | None = None


def in_process_cache() -> bool:
    """Whether the shop's cache is this process's own memory (the embedded
    default), not shared with the other processes."""
    return isinstance(caches["default"], LocMemCache)


def enabled() -> bool:
    return settings.PAGE_CACHE_LOCAL_SECONDS > 0 and not in_process_cache()


def version() -> str | None:
    """The content version read from the shared cache, while still fresh."""
    found = _version
    if found is None or monotonic() - found[1] > settings.PAGE_CACHE_LOCAL_SECONDS:
        return None
    return found[0]


def remember_version(value: str) -> None:
    global _version
    _version = (value, monotonic())


def get(key: str):
    with _lock:
        value = _pages.get(key)
        if value is not None:
            _pages.move_to_end(key)
        return value


def put(key: str, value) -> None:
    with _lock:
        _pages[key] = value
        _pages.move_to_end(key)
        while len(_pages) > MAX_PAGES:
            _pages.popitem(last=False)


def forget() -> None:
    """Drop this process's copies (the shared cache was emptied)."""
    global _version
    with _lock:
        _pages.clear()
    _version = None
