"""Fixtures used across test directories: people in each role and the demo town.

Fixtures that one directory alone uses live in that directory's conftest.py.
"""

import os

import pytest
from django.core.management import call_command

from tests.support.access import ROLE_USERNAMES
from tests.support.factories import OrgUnitFactory, StaffProfileFactory

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
