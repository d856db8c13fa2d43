"""Course packages: export (API, command), import (API, command) as a draft in review."""

import hashlib
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import WorkflowState

from courses.models import CoursePage, LessonPage
from exchange.models import CourseOrigin, LessonOrigin
from lms import roles
from tests.exchange.conftest import unzip
from tests.exchange.snapshot import course_snapshot

SLUG = "bauantrag-digital-pruefen"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_export_per_role(role_user):
    course = CoursePage.objects.get(slug=SLUG)
    url = f"/api/v1/courses/{course.pk}/package/"
    expected = {
        roles.EMPLOYEE: 403,
        roles.TRAINER: 200,
        roles.HEAD: 403,
        roles.TRAINING_ADMIN: 403,
        roles.ADMIN: 200,
    }
    for role, status in expected.items():
        response = client_for(role_user(role)).get(url)
        assert response.status_code == status, role
        if status == 403:
            assert (
                response.json()["detail"] == "Sie dürfen diesen Kurs nicht exportieren."
            )
    assert Client().get(url).status_code == 401


@pytest.mark.django_db
def test_export_holds_manifest_pages_media_and_sandbox(role_user, settings):
    course = CoursePage.objects.get(slug=SLUG)
    response = client_for(role_user(roles.TRAINER)).get(
        f"/api/v1/courses/{course.pk}/package/"
    )
    assert response["Content-Type"] == "application/zip"
    assert SLUG in response["Content-Disposition"]
    members = unzip(response.content)
    manifest = json.loads(members.pop("manifest.json"))
    assert manifest["format"] == "lotse-course/1"
    assert manifest["origin"] == {
        "installation": settings.LOTSE_INSTALLATION_ID,
        "name": settings.LOTSE_INSTALLATION_NAME,
        "course_id": course.pk,
    }
    assert manifest["version"] >= 1 and manifest["exported_at"]
    assert manifest["lotse_version"]
    assert manifest["members"] == {
        name: hashlib.sha256(data).hexdigest() for name, data in members.items()
    }
    content = json.loads(members["course.json"])
    lessons = LessonPage.objects.child_of(course).live().order_by("path")
    assert [lesson["title"] for lesson in content["lessons"]] == [
        lesson.title for lesson in lessons
    ]
    assert content["images"] and content["documents"]
    assert [p["process_id"] for p in content["processes"]] == ["bauantrag"]
    assert "sandbox/bauantrag/process.bpmn" in members
    assert any(name.startswith("images/") for name in members)
    assert any(name.endswith(".pdf") for name in members)


@pytest.mark.django_db
def test_import_via_api_creates_draft_in_review(role_user, build_package):
    data = build_package(SLUG)
    trainer = role_user(roles.TRAINER)
    pages_before = CoursePage.objects.count()
    response = client_for(trainer).post(
        "/api/v1/courses/packages/",
        {"file": io.BytesIO(data)},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["slug"] == f"{SLUG}-2"  # the original still lives beside it
    assert body["update"] is None
    course = CoursePage.objects.get(pk=body["course"])
    assert CoursePage.objects.count() == pages_before + 1
    assert not course.live
    lessons = LessonPage.objects.child_of(course)
    assert lessons.count() == 3 and not lessons.filter(live=True).exists()
    # The course is in the review workflow "Redaktionelle Prüfung".
    state = WorkflowState.objects.get(object_id=str(course.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Redaktionelle Prüfung"
    origin = CourseOrigin.objects.get(course=course)
    original = CoursePage.objects.get(slug=SLUG)
    assert origin.origin_course_id == original.pk
    assert LessonOrigin.objects.filter(course_origin=origin).count() == 3
    # Same content (ids of media and links remapped, meaning kept).
    imported = course_snapshot(course.slug)
    expected = course_snapshot(SLUG)
    for snapshot in (imported, expected):
        for lesson in snapshot["lessons"]:
            lesson.pop("slug")
    assert imported == expected


@pytest.mark.django_db
def test_import_refused_for_employee_and_without_file(role_user, build_package):
    data = build_package(SLUG)
    response = client_for(role_user(roles.EMPLOYEE)).post(
        "/api/v1/courses/packages/", {"file": io.BytesIO(data)}
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "Sie dürfen keine Kurse übernehmen."
    response = client_for(role_user(roles.TRAINER)).post(
        "/api/v1/courses/packages/", {}
    )
    assert response.status_code == 400
    assert response.json()["errors"]["file"]


@pytest.mark.django_db
def test_commands_export_and_import(tmp_path, build_package, capsys):
    target = tmp_path / "kurs.zip"
    call_command("export_course", SLUG, str(target))
    assert zipfile.is_zipfile(target)
    call_command("import_course", str(target), "--parent", "kurse")
    out = capsys.readouterr().out
    assert "übernommen" in out
    assert CoursePage.objects.filter(slug=f"{SLUG}-2", live=False).exists()


@pytest.mark.django_db
def test_command_import_submits_the_course_to_the_review(small_package, tmp_path):
    from courses.models import CourseCatalogue
    from courses.services import catalogue_setup_review

    catalogue_setup_review(catalogue=CourseCatalogue.objects.get(slug="kurse"))
    target = tmp_path / "kurs.zip"
    target.write_bytes(small_package)
    call_command("import_course", str(target), "--parent", "kurse")
    course = CoursePage.objects.get(slug="kleiner-kurs-2")
    assert not course.live
    for page in [course, *LessonPage.objects.child_of(course)]:
        state = WorkflowState.objects.get(object_id=str(page.pk))
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.workflow.name == "Redaktionelle Prüfung"
        assert state.requested_by is None  # an operator's command, no person
