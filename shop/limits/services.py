"""Counting events per key in a time window, in the database.

The count is shared by every process on every host and holds whatever the
cache does (it is not in the cache), on PostgreSQL and on the embedded SQLite
alike. Use it for anything that must not be bypassed::

    from shop.limits import services as limits

    if not limits.hit(key=f"kit:claims:{ip_hash}", limit=10, window=3600):
        return too_many()

A key's window opens at its first counted hit and lasts ``window``; within
it, the first ``limit`` hits are allowed and the rest refused. A refused hit
is not counted and does not stretch the window, so ``limit=1`` means "at
most once per ``window``". Windows are fixed, not sliding: up to twice
``limit`` can pass around the moment one window ends and the next opens.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.crypto import salted_hmac

from shop.limits.models import LimitWindow


def hit(*, key: str, limit: int, window: timedelta | float, now=None) -> bool:
    """Count one event for ``key``; True if it is within ``limit`` per window.

    ``window`` is a timedelta or seconds; ``now`` is for tests and callers
    that already read the clock. Counted atomically: concurrent hits never let
    more than ``limit`` through in one window. Inside the caller's
    transaction, so a rolled-back request counts nothing.
    """
    if limit < 1:
        return False
    now = now or timezone.now()
    if not isinstance(window, timedelta):
        window = timedelta(seconds=window)
    digest = _digest(key)
    if _count(digest, limit=limit, ends_at=now + window, now=now):
        return True
    try:
        with transaction.atomic():
            LimitWindow.objects.create(key=digest, hits=1, ends_at=now + window)
        return True
    except IntegrityError:
        # Another request counted this key's first hit meanwhile.
        return _count(digest, limit=limit, ends_at=now + window, now=now)


def _count(digest: str, *, limit: int, ends_at, now) -> bool:
    """One conditional UPDATE: a new window if the last one ended, else one
    more hit if there is room. False when the row is missing or full."""
    ended = Q(ends_at__lte=now)
    return bool(
        LimitWindow.objects.filter(Q(key=digest) & (ended | Q(hits__lt=limit))).update(
            hits=Case(When(ended, then=Value(1)), default=F("hits") + 1),
            ends_at=Case(When(ended, then=Value(ends_at)), default=F("ends_at")),
        )
    )


def exhausted(*, key: str, limit: int, now=None) -> bool:
    """Whether ``key`` has used up ``limit`` in its current window, counting
    nothing: for a limit counted on one event (a declined card) and checked
    before another (the next attempt)."""
    return LimitWindow.objects.filter(
        key=_digest(key), ends_at__gt=now or timezone.now(), hits__gte=limit
    ).exists()


def reset(*, key: str) -> None:
    """Forget the key's count: its next hit opens a new window."""
    LimitWindow.objects.filter(key=_digest(key)).delete()


def prune(*, now=None) -> int:
    """Delete windows that have ended; how many were deleted."""
    deleted, __ = LimitWindow.objects.filter(
        ends_at__lte=now or timezone.now()
    ).delete()
    return deleted


def _digest(key: str) -> str:
    return salted_hmac("shop.limits", key, algorithm="sha256").hexdigest()
