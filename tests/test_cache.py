"""The Redis cache backend keeps one client per connection pool and still
behaves as Django's own (run with REDIS_URL set, as CI's second pass does)."""

import os

import pytest

from shop.cache import RedisCache

pytestmark = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs Redis (REDIS_URL=redis://...)"
)


@pytest.fixture
def redis_cache():
    cache = RedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": "cache-test"})
    yield cache
    cache.delete_many(["a", "b", "n"])


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
    redis_cache.delete("a")
    assert redis_cache.get("a", "gone") == "gone"
