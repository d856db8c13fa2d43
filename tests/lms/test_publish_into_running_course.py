"""Publishing a new lesson into a running course: completed stays completed, learners
in progress get the new lesson, and the approver is told so beforehand (issue 11)."""

import pytest

from courses.models import LessonPage
from lms import roles
from lms.models import Enrolment
from lms.selectors.publishing import publish_impact
from lms.selectors.training import my_training
from lms.services.progress import lesson_complete
from tests.support.courses import stream, text_block


@pytest.fixture
def people(catalogue, make_person):
    roles.sync_groups()
    done = make_person(username="fertig")
    midway = make_person(username="mittendrin")
    hund = catalogue.hund_lessons
    for lesson in hund:
        lesson_complete(user=done, lesson_id=lesson.id)
    lesson_complete(user=midway, lesson_id=hund[0].id)
    return done, midway


def _new_lesson(course) -> LessonPage:
    lesson = LessonPage(
        title="Neu: Bescheid versenden",
        slug="bescheid-versenden",
        body=stream(text_block("<p>Neu.</p>")),
        live=False,
    )
    course.add_child(instance=lesson)
    lesson.save_revision()
    return lesson


def _item(user, course_id):
    return next(i for i in my_training(user) if i.outline.id == course_id)


def test_completed_stays_completed_and_in_progress_gets_the_new_lesson(
    catalogue, people
):
    done, midway = people
    course = catalogue.hund
    completed_at = Enrolment.objects.get(user=done, course_id=course.id).completed_at
    assert completed_at is not None
    item = _item(done, course.id)
    assert (item.lessons_done, item.lessons_total) == (2, 2)

    lesson = _new_lesson(course)
    lesson.get_latest_revision().publish()

    enrolment = Enrolment.objects.get(user=done, course_id=course.id)
    assert enrolment.completed_at == completed_at
    item = _item(done, course.id)
    assert item.state == "done"
    assert (item.lessons_done, item.lessons_total) == (2, 2)  # not 2 of 3

    item = _item(midway, course.id)
    assert (item.lessons_done, item.lessons_total) == (1, 3)
    lesson_complete(user=midway, lesson_id=catalogue.hund_lessons[1].id)
    assert Enrolment.objects.get(user=midway, course_id=course.id).completed_at is None
    lesson_complete(user=midway, lesson_id=lesson.id)
    assert Enrolment.objects.get(user=midway, course_id=course.id).completed_at


def test_the_approver_is_told_the_impact_before_publishing(catalogue, people):
    lesson = _new_lesson(catalogue.hund)
    impact = publish_impact(lesson.pk)
    assert impact is not None
    assert (impact.kind, impact.is_new) == ("lesson", True)
    assert impact.course_title == catalogue.hund.title
    assert (impact.completed, impact.in_progress) == (1, 1)


def test_the_impact_is_rendered_in_the_approval_dialog(catalogue, people):
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    lesson = _new_lesson(catalogue.hund)
    html = render_to_string(
        "wagtailadmin/shared/workflow_action_modal.html",
        {"object": lesson, "action": "approve", "form": None, "submit_url": "/x/"},
        request=RequestFactory().get("/"),
    )
    # One person each: the counts could point to a person, so they read "< 5".
    assert "Weniger als 5 Personen haben den Kurs abgeschlossen." in html
    assert "Weniger als 5 Personen sind mitten im Kurs." in html
    assert "1 Person" not in html
    assert "Ihr Abschluss und ihr Zertifikat bleiben gültig" in html
    assert "Freigeben und veröffentlichen" in html


def test_the_approval_dialog_shows_counts_from_five_on(catalogue, people, make_person):
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    for number in range(4):
        person = make_person(username=f"weitere-{number}")
        for done in catalogue.hund_lessons:
            lesson_complete(user=person, lesson_id=done.id)
    lesson = _new_lesson(catalogue.hund)
    html = render_to_string(
        "wagtailadmin/shared/workflow_action_modal.html",
        {"object": lesson, "action": "approve", "form": None, "submit_url": "/x/"},
        request=RequestFactory().get("/"),
    )
    assert "5 Personen haben den Kurs abgeschlossen." in html
    assert "Weniger als 5 Personen sind mitten im Kurs." in html
