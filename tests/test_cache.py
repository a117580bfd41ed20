"""The Redis cache backend keeps one client per connection pool, behaves as
Django's own, and answers a miss, never an error, while Redis is away."""

import logging
import time

import pytest

from shop.cache import RETRY_AFTER, RedisCache


@pytest.fixture
def redis_cache(redis_server):
    return RedisCache(redis_server.url(), {"KEY_PREFIX": "cache-test"})


def test_one_client_serves_every_call(redis_cache):
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client() is client
    assert redis_cache._cache.get_client(write=True) is client


def test_reads_and_writes_as_django_s_cache_does(redis_cache):
    redis_cache.set("a", {"page": "<p>hello</p>"}, 60)
    redis_cache.set("n", 1, 60)
    assert redis_cache.add("a", "other", 60) is False
    assert redis_cache.get_many(["a", "b"]) == {"a": {"page": "<p>hello</p>"}}
    assert redis_cache.incr("n") == 2
    assert redis_cache.set_many({"c": 3}, 60) == []
    redis_cache.delete("a")
    assert redis_cache.get("a", "gone") == "gone"


def test_a_stopped_redis_reads_as_a_miss_and_takes_no_write(redis_cache, redis_server):
    redis_cache.set("a", "kept", 60)
    redis_cache.set("n", 1, 60)
    redis_server.stop()

    assert redis_cache.get("a", "gone") == "gone"
    assert redis_cache.get_many(["a", "n"]) == {}
    assert redis_cache.has_key("a") is False
    assert "a" not in redis_cache
    assert redis_cache.add("b", 1, 60) is False
    assert redis_cache.set("a", "new", 60) is None
    assert redis_cache.set_many({"a": 1, "b": 2}, 60) == ["a", "b"]
    assert redis_cache.touch("a", 60) is False
    assert redis_cache.delete("a") is False
    assert redis_cache.get_or_set("c", "computed", 60) == "computed"
    with pytest.raises(ValueError):
        redis_cache.incr("n")
    redis_cache.delete_many(["a", "b"])
    assert redis_cache.clear() is False


def test_a_hanging_redis_costs_one_short_wait_then_none(
    redis_cache, redis_server, outage_clock
):
    redis_cache.set("a", "kept", 60)
    redis_server.freeze()

    started = time.monotonic()
    assert redis_cache.get("a") is None
    first = time.monotonic() - started
    started = time.monotonic()
    for __ in range(50):
        assert redis_cache.get("a") is None
    rest = time.monotonic() - started

    assert first < 1.5
    assert rest < 0.5


def test_redis_is_used_again_a_few_seconds_after_it_answers(
    redis_cache, redis_server, outage_clock
):
    redis_cache.set("a", "kept", 60)
    redis_server.freeze()
    assert redis_cache.get("a") is None
    redis_server.thaw()

    assert redis_cache.get("a") is None  # still left alone
    outage_clock.shift(RETRY_AFTER)
    assert redis_cache.get("a") == "kept"


def test_a_value_changed_while_redis_hung_is_not_read_back_stale(
    redis_cache, redis_server, outage_clock
):
    redis_cache.set_many({"changed": "old", "deleted": "old", "other": "kept"}, 60)
    redis_server.freeze()
    redis_cache.set("changed", "new", 60)
    redis_cache.delete("deleted")
    redis_server.thaw()
    outage_clock.shift(RETRY_AFTER)

    assert redis_cache.get_many(["changed", "deleted", "other"]) == {"other": "kept"}


def test_an_outage_is_logged_when_it_starts_then_once_a_minute(
    redis_cache, redis_server, outage_clock, caplog
):
    redis_server.stop()
    with caplog.at_level(logging.WARNING, logger="shop.cache"):
        for __ in range(90):  # 90 s of calls, one a second
            redis_cache.get("a")
            outage_clock.shift(1)

    assert [record.message for record in caplog.records] == [
        "cache unreachable, serving without it",
        "cache still unreachable",
    ]


def test_the_end_of_an_outage_is_logged(
    redis_cache, redis_server, outage_clock, caplog
):
    redis_server.freeze()
    redis_cache.get("a")
    redis_server.thaw()
    outage_clock.shift(RETRY_AFTER)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="shop.cache"):
        redis_cache.get("a")

    assert [record.message for record in caplog.records] == ["cache answers again"]


def test_the_log_never_shows_the_redis_password(caplog):
    cache = RedisCache("redis://:s3cret-pass@127.0.0.1:1/0", {})

    assert cache.get("a", "gone") == "gone"
    [record] = caplog.records
    assert record.cache == "redis://127.0.0.1:1/0"
    assert "s3cret-pass" not in f"{record.__dict__}"
