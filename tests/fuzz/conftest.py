"""The fuzz tests' world: the demo town seeded once per module, API tokens for an
employee and an administrator, real ids to aim at, and the Django application
called in-process over WSGI.

The town is seeded once for the package inside one transaction that is rolled
back at its end, so every fuzz test sees it and no other test does; each test
(marked ``django_db``) runs in a savepoint of its own on top.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import override_settings
from drf_spectacular.generators import SchemaGenerator
from rest_framework.authtoken.models import Token

from demo.accounts import ADMIN_USERNAME, EMPLOYEE_USERNAME


def api_schema() -> dict:
    """The OpenAPI schema exactly as /api/v1/schema/ serves it.

    Built while pytest collects, before pytest-django turns DEBUG off: the root
    URLconf it imports must see DEBUG as the tests do (it adds routes under DEBUG).
    """
    with override_settings(DEBUG=False):
        return SchemaGenerator().get_schema(request=None, public=True)


def load_schema():
    return schemathesis.openapi.from_dict(api_schema())


@dataclass
class Person:
    username: str
    token: str
    ids: dict[str, object] = field(default_factory=dict)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Token {self.token}"}


def _real_ids(user) -> dict[str, object]:
    """Ids of real things this person may act on: a lesson with a quiz that has a
    single-choice and a numeric question, its course, an unfinished sandbox run
    with its ready task."""
    from courses.models import LessonPage
    from lms.selectors import content
    from sandbox import selectors as sandbox_selectors
    from sandbox import services as sandbox_services

    ids: dict[str, object] = {}
    for lesson in LessonPage.objects.live().order_by("pk"):
        for block in lesson.body:
            if block.block_type != "quiz":
                continue
            quiz = content.quiz_get(lesson_id=lesson.pk, block_id=block.id)
            kinds = {question.id: question.kind for question in quiz.questions}
            if "numeric" in kinds.values() and "single" in kinds.values():
                ids["page_id"] = lesson.pk
                ids["block_id"] = block.id
                ids["course_id"] = content.course_id_of_lesson(lesson.pk)
                ids["questions"] = kinds
                break
        if "questions" in ids:
            break
    run = sandbox_services.run_start(
        user=user, process_id="hund_anmelden", case_id="labrador", mode="practice"
    )
    ids["run_id"] = str(run.pk)
    task = sandbox_selectors.run_view(run=run)["ready_tasks"][0]
    ids["task_id"] = task["id"]
    ids["task_fields"] = list(task["form"]["properties"])
    return ids


@pytest.fixture(scope="package")
def town(django_db_setup, django_db_blocker):
    """The demo town with an employee and an administrator holding API tokens."""
    from django.contrib.auth import get_user_model

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("seed_demo", stdout=open(os.devnull, "w"))
            people = {}
            for role, username in (
                ("employee", EMPLOYEE_USERNAME),
                ("admin", ADMIN_USERNAME),
            ):
                user = get_user_model().objects.get(username=username)
                token, _created = Token.objects.get_or_create(user=user)
                people[role] = Person(username, token.key, _real_ids(user))
            yield people
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="package")
def app(town):
    """Django's WSGI application, called in-process inside the town's transaction.

    Django closes "old" connections around each request; inside the town's open
    transaction that would end it, so (as Django's test client does) not here.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
