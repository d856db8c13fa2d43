"""Two simultaneous requests of one person lose nothing and duplicate nothing (PostgreSQL)."""

import threading

import pytest
from django.db import connection

from lms import roles
from lms.models import Certificate, Enrolment, LessonProgress, QuizAttempt
from lms.services.progress import lesson_complete
from lms.services.quizzes import quiz_attempt_submit
from tests.support.learning import (
    QUIZ_BLOCK,
)


def in_two_threads(*calls):
    barrier = threading.Barrier(len(calls))
    errors = []

    def run(call):
        try:
            barrier.wait(timeout=10)
            call()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []


@pytest.mark.django_db(transaction=True)
def test_double_quiz_submission_records_one_attempt(postgres, catalogue, make_person):
    roles.sync_groups()
    person = make_person()
    lesson_id, right = catalogue.quiz_lesson.id, catalogue.right_answers()

    def submit():
        quiz_attempt_submit(
            user=person, lesson_id=lesson_id, block_id=QUIZ_BLOCK, answers=right
        )

    in_two_threads(submit, submit)
    assert QuizAttempt.objects.count() == 1
    assert Enrolment.objects.filter(user=person).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_lessons_completed_at_once_complete_the_course_once(
    postgres, catalogue, make_person
):
    roles.sync_groups()
    person = make_person()
    # the dog course has two lessons; its sandbox package is not uploaded, so its
    # exercise does not block completion
    first, second = (lesson.id for lesson in catalogue.hund_lessons)
    in_two_threads(
        lambda: lesson_complete(user=person, lesson_id=first),
        lambda: lesson_complete(user=person, lesson_id=second),
    )
    enrolments = Enrolment.objects.filter(user=person)
    assert enrolments.count() == 1
    assert LessonProgress.objects.filter(enrolment__user=person).count() == 2
    assert enrolments.get().completed_at is not None
    assert Certificate.objects.filter(user=person).count() == 1


@pytest.mark.django_db(transaction=True)
def test_same_lesson_twice_at_once(postgres, catalogue, make_person):
    roles.sync_groups()
    person = make_person()
    lesson_id = catalogue.hund_lessons[0].id
    in_two_threads(
        lambda: lesson_complete(user=person, lesson_id=lesson_id),
        lambda: lesson_complete(user=person, lesson_id=lesson_id),
    )
    assert LessonProgress.objects.filter(enrolment__user=person).count() == 1
