"""A person's progress in one course, and what still stands between them and
completion: read once, used by the completion service and the course page alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.cache import cache

from lms.models import Acknowledgement, Enrolment, LessonProgress, QuizAttempt
from lms.person_generation import course_state_generations
from lms.selectors import content

LEARNER_STATE_TTL = 600

MISSING_LESSON, MISSING_QUIZ, MISSING_ACKNOWLEDGEMENT, MISSING_EXERCISE = (
    "lesson",
    "quiz",
    "ack",
    "exercise",
)


@dataclass
class LearnerState:
    """One person's state in one course, read once per request for all tags."""

    enrolment: Enrolment | None
    done_lessons: set[int] = field(default_factory=set)
    acknowledged: dict[tuple[int, str], dt.datetime] = field(default_factory=dict)
    latest_attempts: dict[tuple[int, str], QuizAttempt] = field(default_factory=dict)
    best_scores: dict[tuple[int, str], int] = field(default_factory=dict)
    passed: set[tuple[int, str]] = field(default_factory=set)


def learner_state(user, course_id: int) -> LearnerState:
    """The current enrolment, done lessons, acknowledgements and quiz attempts."""
    if not user.is_authenticated:
        return LearnerState(enrolment=None)
    enrolment = (
        Enrolment.objects.filter(user=user, course_id=course_id, is_current=True)
        .select_related("certificate")
        .first()
    )
    if enrolment is None:
        return LearnerState(enrolment=None)
    return enrolment_learner_state(enrolment)


def learner_state_cached(user, course_id: int) -> LearnerState:
    """`learner_state` for showing a page, from the shared cache while the
    person's generation in the course holds (any write to their enrolments,
    progress, acknowledgements, attempts or certificates there replaces it).
    Services that decide something read `learner_state` itself."""
    if not user.is_authenticated:
        return LearnerState(enrolment=None)
    generations = course_state_generations(user.pk, course_id)
    key = ":".join(["lms:learner", str(user.pk), str(course_id), *generations])
    state = cache.get(key)
    if state is None:
        state = learner_state(user, course_id)
        cache.set(key, state, LEARNER_STATE_TTL)
    return state


def enrolment_learner_state(enrolment: Enrolment) -> LearnerState:
    """Done lessons, acknowledgements and quiz attempts of one enrolment (3 queries)."""
    state = LearnerState(enrolment=enrolment)
    state.done_lessons = set(
        LessonProgress.objects.filter(enrolment=enrolment).values_list(
            "lesson_id", flat=True
        )
    )
    state.acknowledged = {
        (lesson_id, block_id): at
        for lesson_id, block_id, at in Acknowledgement.objects.filter(
            enrolment=enrolment
        ).values_list("lesson_id", "block_id", "created_at")
    }
    for attempt in QuizAttempt.objects.filter(enrolment=enrolment).order_by("number"):
        key = (attempt.lesson_id, attempt.block_id)
        state.latest_attempts[key] = attempt
        state.best_scores[key] = max(state.best_scores.get(key, 0), attempt.score)
        if attempt.passed:
            state.passed.add(key)
    return state


def lessons_counted(
    outline: content.CourseOutline,
    enrolment: Enrolment | None,
    done_lessons: set[int] | frozenset[int] = frozenset(),
):
    """The lessons an enrolment's progress is counted against, in course order.

    A completed enrolment keeps the course it was completed with: a lesson first
    published after the completion is new for that person, never a gap (3 of 3
    stays 3 of 3; a change that needs retraining is a recertification). Everyone
    else counts every published lesson, so learners in progress see the new one.
    A lesson the person did is always counted.
    """
    if enrolment is None or enrolment.completed_at is None:
        return list(outline.lessons)
    completed_at = enrolment.completed_at
    return [
        lesson
        for lesson in outline.lessons
        if lesson.id in done_lessons
        or getattr(lesson, "published_at", None) is None
        or lesson.published_at <= completed_at
    ]


@dataclass(frozen=True)
class MissingItem:
    """One thing still to do before a course is complete."""

    kind: str  # MISSING_LESSON, MISSING_QUIZ, MISSING_ACKNOWLEDGEMENT, MISSING_EXERCISE
    title: str  # the lesson's title; for an exercise, the exercise's
    lesson_id: int
    block_id: str = ""  # the quiz, acknowledgement or exercise block, if any


def completion_missing(
    outline: content.CourseOutline, state: LearnerState
) -> list[MissingItem]:
    """What still stands between this enrolment and completion, in course order:
    lessons, passed quizzes, acknowledgements, passed sandbox exercises."""
    titles = {lesson.id: lesson.title for lesson in outline.lessons}
    missing = [
        MissingItem(MISSING_LESSON, lesson.title, lesson.id)
        for lesson in outline.lessons
        if lesson.id not in state.done_lessons
    ]
    for lesson_id, block_id in outline.quizzes:
        if (lesson_id, block_id) not in state.passed:
            missing.append(
                MissingItem(
                    MISSING_QUIZ, titles.get(lesson_id, ""), lesson_id, block_id
                )
            )
    for lesson_id, block_id in outline.acknowledgements:
        if (lesson_id, block_id) not in state.acknowledged:
            missing.append(
                MissingItem(
                    MISSING_ACKNOWLEDGEMENT,
                    titles.get(lesson_id, ""),
                    lesson_id,
                    block_id,
                )
            )
    user_id = state.enrolment.user_id if state.enrolment else None
    for exercise in outline.exercises:
        # Without an enrolment there is nobody who could have passed it.
        if content.exercise_blocks_completion(exercise.process_id) and not (
            user_id is not None
            and content.exercise_passed(user_id=user_id, process_id=exercise.process_id)
        ):
            missing.append(
                MissingItem(
                    MISSING_EXERCISE,
                    exercise.title,
                    exercise.lesson_id,
                    exercise.block_id,
                )
            )
    return missing
