"""Limits count in the database: shared by every process, kept through a
cache outage, honouring their window."""

import threading
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from shop.limits import services as limits
from shop.limits.models import LimitWindow

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def hits(key="k", *, times=1, limit=3, window=60, now=NOW):
    return [
        limits.hit(key=key, limit=limit, window=window, now=now) for __ in range(times)
    ]


def test_hits_up_to_the_limit_pass_and_the_rest_are_refused():
    assert hits(times=5) == [True, True, True, False, False]


def test_a_new_window_opens_when_the_last_one_ends():
    hits(times=3)

    assert hits(now=NOW + timedelta(seconds=59)) == [False]
    assert hits(now=NOW + timedelta(seconds=60), times=4) == [True] * 3 + [False]


def test_a_refused_hit_does_not_stretch_the_window():
    hits(limit=1)
    hits(limit=1, now=NOW + timedelta(seconds=50))

    assert hits(limit=1, now=NOW + timedelta(seconds=61)) == [True]


def test_keys_are_counted_apart():
    hits("a", times=3)

    assert hits("b") == [True]


def test_the_count_is_kept_in_the_database_not_the_cache():
    hits(times=3)
    cache.clear()  # as a process with a memory of its own sees it

    assert hits() == [False]
    assert LimitWindow.objects.get().hits == 3


def test_no_key_is_stored_as_given():
    hits("customer:registration-mail:ann@example.com")

    assert "ann" not in LimitWindow.objects.get().key


def test_a_limit_of_zero_refuses_everything():
    assert hits(limit=0) == [False]


def test_reset_forgets_the_count():
    hits(times=3)
    limits.reset(key="k")

    assert hits() == [True]


def test_prune_deletes_only_windows_that_ended():
    hits("ended", window=10)
    hits("open", window=100)

    assert limits.prune(now=NOW + timedelta(seconds=10)) == 1
    assert hits("open", times=3, window=100) == [True, True, False]


@pytest.mark.django_db(transaction=True)
def test_concurrent_hits_never_pass_more_than_the_limit():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; PostgreSQL runs them at once")
    allowed = []
    start = threading.Barrier(8)

    def hit_once():
        try:
            start.wait()
            allowed.append(limits.hit(key="busy", limit=3, window=60))
        finally:
            connection.close()

    threads = [threading.Thread(target=hit_once) for __ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(allowed) == [False] * 5 + [True] * 3
    assert LimitWindow.objects.get().hits == 3
