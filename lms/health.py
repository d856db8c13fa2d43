"""Health of the database, the cache and the Celery broker, for `/healthz`."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from kombu import Connection


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def check_cache() -> str:
    cache.set("lotse-healthz", "ok", 10)
    if cache.get("lotse-healthz") != "ok":
        raise RuntimeError("cache did not return the value just stored")
    return "ok"


def check_broker() -> str:
    if not settings.CELERY_BROKER_URL:
        return "eager"  # tasks run in-process: nothing to reach
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}


def health_report() -> tuple[bool, dict[str, str]]:
    report = {}
    healthy = True
    for name, check in CHECKS.items():
        try:
            report[name] = check()
        except Exception as exc:  # any failure is a finding, never a crash
            healthy = False
            report[name] = f"error: {type(exc).__name__}"
    return healthy, report
