"""Fixtures used across test directories: real-service gates, eager Celery, people
in each role and the demo town.

Fixtures that one directory alone uses live in that directory's conftest.py.
"""

import os

import pytest
from django.core.management import call_command

from tests.support.access import ROLE_USERNAMES
from tests.support.factories import OrgUnitFactory, StaffProfileFactory
from tests.support.services import require_service

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Wagtail caches site root paths; a rolled-back or flushed test never clears them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_person(db):
    """Create a person with the given roles in a unit: make_person(roles={...})."""

    def make(*, role_names=(), unit=None, heads=(), **user_fields):
        from lms.services.org import user_set_roles

        profile = StaffProfileFactory(
            org_unit=unit or OrgUnitFactory(),
            user__password="geheim-123",
            **{f"user__{k}": v for k, v in user_fields.items()},
        )
        user_set_roles(user=profile.user, role_names=set(role_names))
        for unit_to_lead in heads:
            unit_to_lead.heads.add(profile.user)
        return profile.user

    return make


@pytest.fixture
def demo_town(db):
    """The demo town with every app's demo content, as `make run` seeds it."""
    call_command("seed_demo", stdout=open(os.devnull, "w"))


@pytest.fixture
def role_user(demo_town, django_user_model):
    def get(role: str):
        return django_user_model.objects.get(username=ROLE_USERNAMES[role])

    return get


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
