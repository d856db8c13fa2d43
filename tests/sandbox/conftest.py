"""Fixtures of the sandbox tests: people, API clients, the demo packages."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.utils import translation
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def restore_language():
    """A request in English switches this thread's language (LocaleMiddleware);
    the next test runs in German again."""
    with translation.override(translation.get_language()):
        yield


@pytest.fixture
def demo_packages(db):
    from demo.sandboxes import seed

    seed()


@pytest.fixture
def employee(django_user_model):
    return django_user_model.objects.create_user(
        username="sandbox.beschaeftigte", password="geheim-123"
    )


@pytest.fixture
def colleague(django_user_model):
    return django_user_model.objects.create_user(
        username="sandbox.kollege", password="geheim-123"
    )


@pytest.fixture
def trainer(django_user_model):
    user = django_user_model.objects.create_user(
        username="sandbox.trainer", password="geheim-123"
    )
    user.user_permissions.add(
        Permission.objects.get(
            codename="upload_processpackage", content_type__app_label="sandbox"
        )
    )
    return django_user_model.objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def api(employee):
    client = APIClient()
    client.force_authenticate(employee)
    return client


@pytest.fixture
def trainer_api(trainer):
    client = APIClient()
    client.force_authenticate(trainer)
    return client


@pytest.fixture
def lead(django_user_model):
    """A lead trainer: uploads like a trainer and is in the group "Schulungsleitung",
    which the role sync gives the permission to publish packages."""
    from django.contrib.auth.models import Group

    from lms.roles import LEAD_TRAINER_GROUP

    user = django_user_model.objects.create_user(
        username="sandbox.leitung", password="geheim-123"
    )
    user.user_permissions.add(
        Permission.objects.get(
            codename="upload_processpackage", content_type__app_label="sandbox"
        )
    )
    user.groups.add(Group.objects.get(name=LEAD_TRAINER_GROUP))
    return django_user_model.objects.get(pk=user.pk)


@pytest.fixture
def lead_api(lead):
    client = APIClient()
    client.force_authenticate(lead)
    return client
