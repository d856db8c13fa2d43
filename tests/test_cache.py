"""The Redis cache of production: Django's backend with one client per pool
(common/cache.py)."""

import environ

from common.cache import SharedClientRedisCache


def test_a_redis_cache_url_gets_the_shared_client_backend():
    # config/settings/base.py swaps exactly this backend name.
    parsed = environ.Env.cache_url_config("redis://127.0.0.1:6379/1")
    assert parsed["BACKEND"] == "django.core.cache.backends.redis.RedisCache"


def test_the_shared_client_cache_stores_and_reads_like_djangos(redis_broker):
    cache = SharedClientRedisCache(redis_broker, {"KEY_PREFIX": "lotse-test-cache"})
    try:
        cache.set("gruss", {"text": "Moin"}, 30)
        cache.set("zahl", 1, 30)
        assert cache.get("gruss") == {"text": "Moin"}
        assert cache.get_many(["gruss", "zahl", "fehlt"]) == {
            "gruss": {"text": "Moin"},
            "zahl": 1,
        }
        assert cache.incr("zahl") == 2
        assert cache.add("zahl", 5) is False
        # One client for every call, not one built per call.
        assert cache._cache.get_client() is cache._cache.get_client(write=True)
    finally:
        cache.delete_many(["gruss", "zahl"])
