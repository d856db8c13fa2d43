"""The read interface `lms` codes against: plain data, live pages only, few queries."""

import pytest

from courses import selectors
from courses.models import LessonPage
from tests.support.courses import (
    ACK_ID,
    QUIZ_ID,
    SANDBOX_ID,
    add_course,
    quiz_block,
    stream,
    text_block,
)

SANDBOX = {
    "type": "sandbox_exercise",
    "id": SANDBOX_ID,
    "value": {
        "title": "Übung",
        "description": "",
        "process_id": "hund_anmelden",
        "case_id": "labrador",
        "mode": "practice",
    },
}
ACK = {
    "type": "acknowledgement",
    "id": ACK_ID,
    "value": {
        "title": "Kenntnisnahme",
        "text": "<p>Gelesen.</p>",
        "statement": "Verstanden.",
    },
}


@pytest.fixture
def full_course(catalogue):
    return add_course(
        catalogue,
        slug="voll",
        title="Voller Kurs",
        lessons=4,
        certificate_validity_months=12,
        is_mandatory_hint=True,
        pass_mark=75,
        bodies={1: stream(text_block(), quiz_block(), SANDBOX), 3: stream(ACK)},
    )


def test_course_list_is_live_courses_by_title_and_filters_by_initiative(catalogue):
    add_course(
        catalogue, slug="b", title="B-Kurs", initiative="Bauantrag digital", lessons=0
    )
    add_course(catalogue, slug="a", title="A-Kurs", initiative="Datenschutz", lessons=0)
    draft = add_course(catalogue, slug="c", title="C-Entwurf", lessons=0)
    draft.unpublish()
    assert [c.title for c in selectors.course_list()] == ["A-Kurs", "B-Kurs"]
    assert [c.title for c in selectors.course_list(initiative="Datenschutz")] == [
        "A-Kurs"
    ]


def test_course_info_holds_what_lms_needs(full_course):
    info = selectors.course_info(full_course.pk)
    assert info == selectors.CourseInfo(
        id=full_course.pk,
        title="Voller Kurs",
        slug="voll",
        url="/kurse/voll/",
        initiative="Hund anmelden – digital",
        pass_mark=75,
        certificate_validity_months=12,
        estimated_minutes=30,
        is_mandatory_hint=True,
    )
    assert selectors.course_get(full_course.pk).pk == full_course.pk
    assert selectors.course_info(999_999) is None


def test_lessons_of_course_are_live_and_in_tree_order(full_course):
    LessonPage.objects.child_of(full_course).get(slug="lektion-3").unpublish()
    lessons = selectors.lessons_of_course(full_course.pk)
    assert [(lesson.slug, lesson.order) for lesson in lessons] == [
        ("lektion-1", 1),
        ("lektion-2", 2),
        ("lektion-4", 3),
    ]
    assert lessons[0].url == "/kurse/voll/lektion-1/"


def test_course_of_lesson(full_course):
    lesson = LessonPage.objects.child_of(full_course).first()
    assert selectors.course_of_lesson(lesson.pk).id == full_course.pk
    assert selectors.course_of_lesson(full_course.pk) is None  # a course is no lesson


def test_blocks_of_a_course(full_course):
    second = LessonPage.objects.child_of(full_course).get(slug="lektion-2")
    fourth = LessonPage.objects.child_of(full_course).get(slug="lektion-4")
    assert selectors.quizzes_of_course(full_course.pk) == [(second.pk, QUIZ_ID)]
    assert selectors.acknowledgements_of_course(full_course.pk) == [(fourth.pk, ACK_ID)]
    assert selectors.sandbox_exercises_of_course(full_course.pk) == [
        selectors.SandboxExercise(
            lesson_id=second.pk,
            block_id=SANDBOX_ID,
            process_id="hund_anmelden",
            case_id="labrador",
            mode="practice",
            title="Übung",
        )
    ]
    assert selectors.lesson_block_kinds(second.pk) == [
        "text",
        "quiz",
        "sandbox_exercise",
    ]


def test_selectors_cost_at_most_two_queries(full_course, django_assert_max_num_queries):
    lesson = LessonPage.objects.child_of(full_course).first()
    for read in (
        lambda: selectors.course_info(full_course.pk),
        lambda: selectors.lessons_of_course(full_course.pk),
        lambda: selectors.course_of_lesson(lesson.pk),
        lambda: selectors.quizzes_of_course(full_course.pk),
        lambda: selectors.acknowledgements_of_course(full_course.pk),
        lambda: selectors.sandbox_exercises_of_course(full_course.pk),
        lambda: selectors.course_summaries(),
    ):
        read()  # warm Wagtail's site-root cache
        with django_assert_max_num_queries(2):
            read()
