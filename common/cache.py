"""Django's Redis cache, with one Redis client per connection pool.

Django's Redis backend builds a new `redis.Redis` for every cache call, and each
one copies its table of some 170 response callbacks: a page with eight cache calls
spent more CPU building clients than talking to Redis. A `redis.Redis` is safe to
share between threads (each command takes a connection from the pool), so one per
pool is kept. Chosen in settings for every `redis://` CACHE_URL.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(
                id(pool), self._client(connection_pool=pool)
            )
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
