"""Quiz attempts: graded on the server, stored, double submits recognised."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from lms import grading
from lms.models import QuizAttempt
from lms.selectors import content
from lms.selectors.progress import enrolment_learner_state
from lms.services.completion import completion_check
from lms.services.enrolments import (
    LearningError,
    enrolment_current_or_self,
    person_lock,
)
from lms.services.events import event_log
from lms.services.progress import lesson_done_if_checks_met, lesson_outline

DOUBLE_SUBMIT_SECONDS = 10


@dataclass
class AttemptOutcome:
    attempt: QuizAttempt
    duplicate: bool
    best_score: int


def quiz_attempt_submit(
    *,
    user,
    lesson_id: int,
    block_id: str,
    answers: dict,
    now: dt.datetime | None = None,
) -> AttemptOutcome:
    """Grade and store one attempt; a passed quiz marks its lesson done.

    The same answers submitted again within a few seconds (a double click) return
    the stored attempt instead of recording a second one.
    """
    now = now or timezone.now()
    outline = lesson_outline(lesson_id)
    quiz = content.quiz_get(lesson_id=lesson_id, block_id=block_id)
    if quiz is None:
        raise LearningError(_("Dieses Quiz gibt es nicht."))
    errors = grading.answers_validate(quiz, answers)
    if errors:
        raise LearningError(errors)
    digest = grading.answers_digest(answers)
    with transaction.atomic():
        person_lock(user.pk)
        enrolment = enrolment_current_or_self(user=user, course_id=outline.id, now=now)
        attempts = QuizAttempt.objects.filter(
            enrolment=enrolment, lesson_id=lesson_id, block_id=block_id
        )
        last = attempts.order_by("-number").first()
        if (
            last is not None
            and last.answers_digest == digest
            and now - last.created_at < dt.timedelta(seconds=DOUBLE_SUBMIT_SECONDS)
        ):
            best = attempts.aggregate(best=Max("score"))["best"]
            return AttemptOutcome(attempt=last, duplicate=True, best_score=best)
        grade = grading.quiz_grade(quiz, answers, pass_mark=outline.info.pass_mark)
        attempt = QuizAttempt.objects.create(
            enrolment=enrolment,
            lesson_id=lesson_id,
            block_id=block_id,
            number=(last.number + 1) if last else 1,
            answers=answers,
            answers_digest=digest,
            score=grade.score,
            passed=grade.passed,
            feedback=grade.feedback_as_json(),
            created_at=now,
        )
        quiz_object = f"{lesson_id}/{block_id}"
        event_log(
            actor_id=user.pk,
            verb="attempted",
            object_type="quiz",
            object_id=quiz_object,
            course_id=outline.id,
            score=grade.score,
            success=grade.passed,
            now=now,
        )
        event_log(
            actor_id=user.pk,
            verb="passed" if grade.passed else "failed",
            object_type="quiz",
            object_id=quiz_object,
            course_id=outline.id,
            score=grade.score,
            success=grade.passed,
            now=now,
        )
        if grade.passed:
            # One read of the enrolment's state (this attempt included) answers
            # whether the lesson and the course are done, and the best score.
            state = enrolment_learner_state(enrolment)
            lesson_done_if_checks_met(enrolment, outline, lesson_id, now, state=state)
            completion_check(enrolment, outline, now, state=state)
            best = state.best_scores[(lesson_id, block_id)]
        else:
            best = attempts.aggregate(best=Max("score"))["best"]
    return AttemptOutcome(attempt=attempt, duplicate=False, best_score=best)
