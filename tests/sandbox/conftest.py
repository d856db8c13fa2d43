"""Fixtures of the sandbox tests: people, the demo packages, zips of packages."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.utils import translation
from rest_framework.test import APIClient

from demo.sandboxes import DEMO_PACKAGES_DIR
from sandbox import services


def package_members(name: str) -> dict[str, bytes]:
    folder = DEMO_PACKAGES_DIR / name
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def make_zip(members: dict[str, bytes], *, links: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name in links:
                info.external_attr = 0o120777 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


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


def play(run, values_for):
    """Submit every ready task with ``values_for(element)`` until the run ends."""
    from sandbox import selectors

    for _ in range(30):
        view = selectors.run_view(run=run)
        if not view["ready_tasks"]:
            return run
        task = view["ready_tasks"][0]
        run = services.run_submit_task(
            run=run, task_id=task["id"], data=values_for(task["element"])
        )
    raise AssertionError("run did not finish")


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


def changed_package(name: str, instructions: str) -> bytes:
    """The demo package ``name`` as a zip, with new instructions for its first
    task: the same process, a new version."""
    import json

    members = package_members(name)
    manifest = json.loads(members["sandbox.json"])
    first_task = next(iter(manifest["tasks"]))
    manifest["tasks"][first_task]["instructions"] = instructions
    members["sandbox.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    return make_zip(members)
