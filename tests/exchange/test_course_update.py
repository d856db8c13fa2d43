"""A newer version from the same origin is an update: it waits, shows what changed
beside the local lesson, and never overwrites a lesson edited here unless chosen."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses.models import CoursePage, LessonPage
from exchange.models import CourseOrigin, CourseUpdate
from exchange.packages.build import course_package_build
from exchange.services import (
    course_package_import,
    course_update_apply,
    course_update_plan,
)
from exchange.services.course_update import CHANGED, NEW, UNCHANGED
from tests.support.courses import text_block


def _lessons(course):
    return list(LessonPage.objects.child_of(course).order_by("path"))


def _text(lesson) -> str:
    latest = LessonPage.objects.get(pk=lesson.pk).get_latest_revision_as_object()
    return " ".join(
        str(block["value"]) for block in latest.body.raw_data if block["type"] == "text"
    )


def _edit(lesson, html: str, *, publish: bool) -> None:
    latest = LessonPage.objects.get(pk=lesson.pk).get_latest_revision_as_object()
    raw = list(latest.body.raw_data)
    raw[0] = {**raw[0], "value": html}
    latest.body = raw
    revision = latest.save_revision()
    if publish:
        revision.publish()


@pytest.fixture
def adopted(small_course, small_package):
    """The small course adopted from its package, and the origin course itself."""
    result = course_package_import(file=small_package)
    return result.course, small_course


@pytest.mark.django_db
def test_update_waits_shows_changes_and_keeps_a_local_edit(adopted):
    local, origin_course = adopted
    local_first, local_second = _lessons(local)
    _edit(local_first, "<p>Bei uns kostet es 25 €.</p>", publish=False)

    origin_first, origin_second = _lessons(origin_course)
    _edit(origin_first, "<p>Neue Fassung der Herkunft, Lektion 1.</p>", publish=True)
    _edit(origin_second, "<p>unused</p>", publish=False)  # a draft is not exported
    third = LessonPage(
        title="Lektion 3",
        slug="lektion-3",
        body=[text_block("<p>Ganz neu.</p>")],
    )
    origin_course.add_child(instance=third)
    third.save_revision().publish()
    newer = course_package_build(origin_course)

    result = course_package_import(file=newer.data)
    assert result.course.pk == local.pk
    update = result.update
    assert update.status == CourseUpdate.Status.PENDING
    assert update.version == newer.version
    # Nothing changed yet.
    assert _text(local_first) == "<p>Bei uns kostet es 25 €.</p>"
    assert len(_lessons(local)) == 2
    origin = CourseOrigin.objects.get(course=local)
    assert origin.update_available

    plan = course_update_plan(update)
    by_title = {change.title: change for change in plan.changes}
    assert by_title["Lektion 1"].status == CHANGED
    assert by_title["Lektion 1"].edited_here and by_title["Lektion 1"].needs_choice
    assert by_title["Lektion 2"].status == UNCHANGED
    assert by_title["Lektion 3"].status == NEW

    applied = course_update_apply(update=update)
    assert [change.title for change in applied] == ["Lektion 3"]
    assert _text(local_first) == "<p>Bei uns kostet es 25 €.</p>"  # kept
    new_lesson = _lessons(local)[2]
    assert new_lesson.title == "Lektion 3" and not new_lesson.live
    origin.refresh_from_db()
    assert origin.version == newer.version and not origin.update_available
    update.refresh_from_db()
    assert update.status == CourseUpdate.Status.APPLIED

    with pytest.raises(ValidationError) as caught:
        course_package_import(file=newer.data)
    assert caught.value.messages == [
        f"Version {newer.version} dieses Kurses ist nicht neuer als die übernommene "
        f"Version {newer.version}."
    ]


@pytest.mark.django_db
def test_update_replaces_an_edited_lesson_only_when_chosen(adopted):
    local, origin_course = adopted
    local_first, _local_second = _lessons(local)
    _edit(local_first, "<p>Lokal geändert.</p>", publish=False)
    origin_first, _origin_second = _lessons(origin_course)
    _edit(origin_first, "<p>Herkunft geändert.</p>", publish=True)
    update = course_package_import(file=course_package_build(origin_course).data).update

    applied = course_update_apply(update=update, replace_edited=[local_first.pk])
    assert [change.title for change in applied] == ["Lektion 1"]
    assert _text(local_first) == "<p>Herkunft geändert.</p>"
    # The replacement is a draft revision: the live lesson has not changed.
    local_first.refresh_from_db()
    assert local_first.has_unpublished_changes


@pytest.mark.django_db
def test_unedited_changed_lesson_is_replaced_as_a_draft(adopted):
    local, origin_course = adopted
    origin_first, _ = _lessons(origin_course)
    _edit(origin_first, "<p>Herkunft geändert.</p>", publish=True)
    update = course_package_import(file=course_package_build(origin_course).data).update
    plan = course_update_plan(update)
    course_page, first, _second = plan.changes
    assert course_page.is_course and course_page.status == UNCHANGED
    assert first.status == CHANGED and not first.edited_here
    course_update_apply(update=update)
    assert _text(_lessons(local)[0]) == "<p>Herkunft geändert.</p>"


def _package(course) -> bytes:
    """The course's package as exported now (a fresh page, not the fixture's)."""
    return course_package_build(CoursePage.objects.get(pk=course.pk)).data


def _course_draft(course):
    return CoursePage.objects.get(pk=course.pk).get_latest_revision_as_object()


def _publish_course(course, **fields):
    page = CoursePage.objects.get(pk=course.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


@pytest.mark.django_db
def test_update_brings_the_course_page_fields_as_a_draft(adopted):
    local, origin_course = adopted
    _publish_course(
        origin_course,
        title="Kleiner Kurs, neu",
        summary="Jetzt mit Online-Antrag.",
        estimated_minutes=45,
    )
    update = course_package_import(file=_package(origin_course)).update
    course_change = course_update_plan(update).changes[0]
    assert course_change.is_course and course_change.status == CHANGED
    assert not course_change.edited_here

    applied = course_update_apply(update=update)
    assert [change.title for change in applied] == ["Kleiner Kurs, neu"]
    draft = _course_draft(local)
    assert draft.title == "Kleiner Kurs, neu"
    assert draft.summary == "Jetzt mit Online-Antrag."
    assert draft.estimated_minutes == 45
    # A draft for the review: the live course page has not changed yet.
    assert CoursePage.objects.get(pk=local.pk).title != "Kleiner Kurs, neu"

    # The next update knows the applied draft as the town's own, unedited text.
    _publish_course(origin_course, summary="Noch einmal neu.")
    update = course_package_import(file=_package(origin_course)).update
    course_change = course_update_plan(update).changes[0]
    assert course_change.status == CHANGED and not course_change.edited_here


@pytest.mark.django_db
def test_update_keeps_a_locally_edited_course_page_until_chosen(adopted, admin_client):
    local, origin_course = adopted
    draft = _course_draft(local)
    draft.summary = "Bei uns: Gebühr 25 €."
    draft.save_revision()
    _publish_course(origin_course, summary="Gebührenfrei.")
    update = course_package_import(file=_package(origin_course)).update

    course_change = course_update_plan(update).changes[0]
    assert course_change.needs_choice
    # Side by side in the CMS, with a box to tick for the course page.
    page = admin_client.get(
        reverse("exchange_admin:update", kwargs={"update_id": update.pk})
    )
    html = page.content.decode()
    assert "Kursseite" in html
    assert "Bei uns: Gebühr 25 €." in html and "Gebührenfrei." in html
    assert f'name="replace" value="{local.pk}"' in html

    applied = course_update_apply(update=update)
    assert applied == []
    assert _course_draft(local).summary == "Bei uns: Gebühr 25 €."  # kept

    _publish_course(origin_course, summary="Gebührenfrei, ab Mai.")
    update = course_package_import(file=_package(origin_course)).update
    applied = course_update_apply(update=update, replace_edited=[local.pk])
    assert [change.is_course for change in applied] == [True]
    assert _course_draft(local).summary == "Gebührenfrei, ab Mai."
