"""Fixtures of the lms tests: real-service gates, eager Celery, the live course catalogue."""

from collections.abc import Iterator

import pytest

from tests.support.learning import Catalogue, catalogue_create
from tests.support.services import require_service


@pytest.fixture
def postgres(db):
    from django.db import connection

    require_service(
        connection.vendor == "postgresql",
        "PostgreSQL",
        "setzen Sie DATABASE_URL=postgres://postgres@127.0.0.1:5432/lotse_test",
    )


@pytest.fixture
def redis_broker(settings):
    """The configured Celery broker, if it is a reachable Redis."""
    from kombu import Connection

    url = settings.CELERY_BROKER_URL
    reachable = False
    if url:
        try:
            with Connection(url, connect_timeout=2) as conn:
                conn.ensure_connection(max_retries=1, timeout=2)
            reachable = True
        except Exception:
            reachable = False
    require_service(
        reachable,
        "Redis als Celery-Broker",
        "starten Sie Redis und setzen Sie CELERY_BROKER_URL=redis://127.0.0.1:6379/0",
    )
    return url


@pytest.fixture
def celery_eager():
    """Run tasks in-process even when a broker is configured (for tests about the
    effect of a task, not about its transport)."""
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def catalogue(db, settings, celery_eager) -> Iterator[Catalogue]:
    """Three live courses under /kurse/; tasks queued on commit run in-process."""
    from django.core.cache import cache

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "learning-tests",
        }
    }
    cache.clear()
    yield catalogue_create()
    cache.clear()
