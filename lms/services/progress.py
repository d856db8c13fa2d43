"""Lesson progress: marking lessons done and "read and understood" acknowledgements.

A lesson with quizzes or acknowledgements is done once all of them are passed or
given; every step re-checks the course's completion.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.models import Acknowledgement, Enrolment, LessonProgress, QuizAttempt
from lms.selectors import content
from lms.selectors.progress import LearnerState
from lms.services.completion import completion_check
from lms.services.enrolments import (
    LearningError,
    enrolment_current_or_self,
    person_lock,
)
from lms.services.events import event_log


def lesson_outline(lesson_id: int):
    """The outline of a published lesson's course; a LearningError if there is none."""
    course_id = content.course_id_of_lesson(lesson_id)
    outline = content.course_outline(course_id) if course_id else None
    if outline is None or outline.lesson(lesson_id) is None:
        raise LearningError(
            _("Diese Lektion gibt es nicht oder sie ist nicht veröffentlicht.")
        )
    return outline


def _lesson_done(enrolment: Enrolment, lesson_id: int, now) -> bool:
    progress, created = LessonProgress.objects.get_or_create(
        enrolment=enrolment, lesson_id=lesson_id, defaults={"completed_at": now}
    )
    if created:
        event_log(
            actor_id=enrolment.user_id,
            verb="completed",
            object_type="lesson",
            object_id=lesson_id,
            course_id=enrolment.course_id,
            completion=True,
            now=now,
        )
    return created


def lesson_complete(
    *, user, lesson_id: int, now: dt.datetime | None = None
) -> LessonProgress:
    """Mark a lesson done (enrolling if needed) and complete the course if it is."""
    now = now or timezone.now()
    outline = lesson_outline(lesson_id)
    with transaction.atomic():
        person_lock(user.pk)
        enrolment = enrolment_current_or_self(user=user, course_id=outline.id, now=now)
        _lesson_done(enrolment, lesson_id, now)
        completion_check(enrolment, outline, now)
    return LessonProgress.objects.get(enrolment=enrolment, lesson_id=lesson_id)


def acknowledgement_give(
    *, user, lesson_id: int, block_id: str, now: dt.datetime | None = None
) -> Acknowledgement:
    """Record 'read and understood'; the lesson is done once all its checks are."""
    now = now or timezone.now()
    outline = lesson_outline(lesson_id)
    if block_id not in outline.acknowledgements_of_lesson(lesson_id):
        raise LearningError(_("Diese Bestätigung gibt es in der Lektion nicht."))
    with transaction.atomic():
        person_lock(user.pk)
        enrolment = enrolment_current_or_self(user=user, course_id=outline.id, now=now)
        ack, created = Acknowledgement.objects.get_or_create(
            enrolment=enrolment,
            lesson_id=lesson_id,
            block_id=block_id,
            defaults={"created_at": now},
        )
        if created:
            event_log(
                actor_id=user.pk,
                verb="acknowledged",
                object_type="lesson",
                object_id=f"{lesson_id}/{block_id}",
                course_id=outline.id,
                now=now,
            )
        lesson_done_if_checks_met(enrolment, outline, lesson_id, now)
        completion_check(enrolment, outline, now)
    return ack


def lesson_done_if_checks_met(
    enrolment, outline, lesson_id: int, now, state: LearnerState | None = None
) -> None:
    """Mark a lesson done once all its quizzes are passed and checks given.

    `state`: the enrolment's state, read under the person's lock by the caller
    (a lesson marked done here is added to it); without it the lesson's passed
    quizzes and acknowledgements are read.
    """
    quizzes = outline.quizzes_of_lesson(lesson_id)
    acks = outline.acknowledgements_of_lesson(lesson_id)
    if state is None:
        passed = set(
            QuizAttempt.objects.filter(
                enrolment=enrolment, lesson_id=lesson_id, passed=True
            ).values_list("block_id", flat=True)
        )
        given = set(
            Acknowledgement.objects.filter(
                enrolment=enrolment, lesson_id=lesson_id
            ).values_list("block_id", flat=True)
        )
    else:
        passed = {block for lesson, block in state.passed if lesson == lesson_id}
        given = {block for lesson, block in state.acknowledged if lesson == lesson_id}
    if not (set(quizzes) <= passed and set(acks) <= given):
        return
    if state is None:
        _lesson_done(enrolment, lesson_id, now)
    elif lesson_id not in state.done_lessons:  # done before: nothing to write
        _lesson_done(enrolment, lesson_id, now)
        state.done_lessons.add(lesson_id)


@dataclass(frozen=True)
class ContinueOutcome:
    """What moving on from a lesson did."""

    lesson_done: bool  # the lesson counts as done (now or before)
    course_completed: bool  # the enrolment is complete (now or before)
    course_completed_now: bool  # this step completed it


def lesson_continue(
    *, user, lesson_id: int, now: dt.datetime | None = None
) -> ContinueOutcome:
    """The learner moves on from a lesson ("Weiter").

    A lesson with nothing to check (no quiz, no acknowledgement) is done by moving
    on from it; a lesson with checks stays open until they are passed or given
    (their own services mark it done). Enrols if needed and completes the course
    if nothing else is missing.
    """
    now = now or timezone.now()
    outline = lesson_outline(lesson_id)
    has_checks = bool(
        outline.quizzes_of_lesson(lesson_id)
        or outline.acknowledgements_of_lesson(lesson_id)
    )
    with transaction.atomic():
        person_lock(user.pk)
        enrolment = enrolment_current_or_self(user=user, course_id=outline.id, now=now)
        if has_checks:
            lesson_done_if_checks_met(enrolment, outline, lesson_id, now)
        else:
            _lesson_done(enrolment, lesson_id, now)
        was_complete = enrolment.completed_at is not None
        completion_check(enrolment, outline, now)
        done = LessonProgress.objects.filter(
            enrolment=enrolment, lesson_id=lesson_id
        ).exists()
    return ContinueOutcome(
        lesson_done=done,
        course_completed=enrolment.completed_at is not None,
        course_completed_now=not was_complete and enrolment.completed_at is not None,
    )
