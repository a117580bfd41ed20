"""Django's Redis cache, with one client per connection pool.

Django's ``RedisCacheClient`` builds a new ``redis.Redis`` for every cache
call, and each one fills a table of some 170 reply parsers: on a page served
from the cache that was a third of the request's time. A client is
thread-safe and cheap to keep, so each pool keeps one.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        # Pools live as long as this object, so their ids stay theirs.
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
