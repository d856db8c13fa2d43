"""What the fuzz tests share: the OpenAPI schema and its operations, the checks
every answer must pass, and the people (with real ids) that requests come from."""

from __future__ import annotations

from dataclasses import dataclass, field

import schemathesis
from django.test import override_settings
from drf_spectacular.generators import SchemaGenerator
from schemathesis import checks

# No 5xx, and status code, content type and body as the schema documents them
# (every 4xx there is the Error object: `detail` and `errors`, nothing else).
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


def api_schema() -> dict:
    """The OpenAPI schema exactly as /api/v1/schema/ serves it.

    Built while pytest collects, before pytest-django turns DEBUG off: the root
    URLconf it imports must see DEBUG as the tests do (it adds routes under DEBUG).
    """
    with override_settings(DEBUG=False):
        return SchemaGenerator().get_schema(request=None, public=True)


def api_operations() -> list:
    """Every operation of the schema, as schemathesis sees it."""
    schema = schemathesis.openapi.from_dict(api_schema())
    return [result.ok() for result in schema.get_all_operations()]


@dataclass
class Person:
    """Someone the requests come from: a token and ids of things of their own."""

    username: str
    token: str
    ids: dict[str, object] = field(default_factory=dict)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Token {self.token}"}


def real_ids(user) -> dict[str, object]:
    """Ids of real things this person may act on: a lesson with a quiz that has a
    single-choice and a numeric question, its course, a process package, an
    unfinished sandbox run with its ready task."""
    from courses.models import LessonPage
    from lms.selectors import content
    from sandbox import selectors as sandbox_selectors
    from sandbox import services as sandbox_services
    from sandbox.models import ProcessPackage

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
    ids["package_id"] = ProcessPackage.objects.order_by("pk").values_list(
        "pk", flat=True
    )[0]
    run = sandbox_services.run_start(
        user=user, process_id="hund_anmelden", case_id="labrador", mode="practice"
    )
    ids["run_id"] = str(run.pk)
    task = sandbox_selectors.run_view(run=run)["ready_tasks"][0]
    ids["task_id"] = task["id"]
    ids["task_fields"] = list(task["form"]["properties"])
    ids["entry_id"] = 1  # a Kursbörse entry (404 outside catalogue mode)
    return ids
