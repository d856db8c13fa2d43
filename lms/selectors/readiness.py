"""Set-based reads the readiness computation in `analytics` needs.

Each function answers for a whole population in one query (grouped in the
database), so the nightly recompute costs a handful of queries per process
however many people are in scope.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Max, Q

from lms.models.learning import Certificate, Enrolment, LessonProgress, QuizAttempt
from lms.models.org import OrgUnit, StaffProfile


def staff_units(*, unit_ids: Iterable[int]) -> dict[int, int]:
    """user id → org unit id of the active staff directly in these units."""
    return dict(
        StaffProfile.objects.filter(
            org_unit_id__in=list(unit_ids), user__is_active=True
        ).values_list("user_id", "org_unit_id")
    )


def staff_assigned_to_courses(*, course_ids: Iterable[int]) -> dict[int, int]:
    """user id → org unit id of active staff with a current mandatory enrolment in
    one of these courses (assigned by a rule and not withdrawn)."""
    return dict(
        StaffProfile.objects.filter(
            user__is_active=True,
            user__enrolments__course_id__in=list(course_ids),
            user__enrolments__is_current=True,
            user__enrolments__source=Enrolment.SOURCE_RULE,
            user__enrolments__withdrawn_at__isnull=True,
        )
        .values_list("user_id", "org_unit_id")
        .distinct()
    )


def person_assigned_to_courses(*, user_id: int, course_ids: Iterable[int]) -> bool:
    """Has this person a current mandatory enrolment in one of these courses
    (as `staff_assigned_to_courses`, for one person: one query)?"""
    return Enrolment.objects.filter(
        user_id=user_id,
        user__is_active=True,
        user__staff__isnull=False,
        course_id__in=list(course_ids),
        is_current=True,
        source=Enrolment.SOURCE_RULE,
        withdrawn_at__isnull=True,
    ).exists()


def lessons_completed_counts(
    *, course_ids: Iterable[int], lesson_ids: Iterable[int]
) -> dict[int, int]:
    """user id → number of these lessons done in the current cycle of their course."""
    rows = (
        LessonProgress.objects.filter(
            enrolment__course_id__in=list(course_ids),
            enrolment__is_current=True,
            lesson_id__in=list(lesson_ids),
        )
        .values("enrolment__user_id")
        .annotate(done=Count("lesson_id", distinct=True))
    )
    return {row["enrolment__user_id"]: row["done"] for row in rows}


def quiz_best_scores(
    *, course_ids: Iterable[int]
) -> dict[int, dict[tuple[int, str], int]]:
    """user id → {(lesson id, block id): best score} over every attempt (retries
    never hurt)."""
    rows = (
        QuizAttempt.objects.filter(enrolment__course_id__in=list(course_ids))
        .values("enrolment__user_id", "lesson_id", "block_id")
        .annotate(best=Max("score"))
    )
    result: dict[int, dict[tuple[int, str], int]] = {}
    for row in rows:
        result.setdefault(row["enrolment__user_id"], {})[
            (row["lesson_id"], row["block_id"])
        ] = row["best"]
    return result


def learners_started(*, course_ids: Iterable[int]) -> set[int]:
    """Ids of people who did anything in these courses (a lesson or a quiz)."""
    ids = list(course_ids)
    return set(
        Enrolment.objects.filter(course_id__in=ids)
        .filter(Q(lesson_progress__isnull=False) | Q(quiz_attempts__isnull=False))
        .values_list("user_id", flat=True)
        .distinct()
    )


def certificate_validity(
    *, course_ids: Iterable[int]
) -> dict[int, dict[int, dt.date | None]]:
    """user id → {course id: latest end of validity (None: valid for ever)} of
    each course the person holds a certificate for."""
    rows = (
        Certificate.objects.filter(course_id__in=list(course_ids))
        .values("user_id", "course_id")
        .annotate(
            until=Max("valid_until"),
            unlimited=Count("id", filter=Q(valid_until__isnull=True)),
        )
    )
    result: dict[int, dict[int, dt.date | None]] = {}
    for row in rows:
        result.setdefault(row["user_id"], {})[row["course_id"]] = (
            None if row["unlimited"] else row["until"]
        )
    return result


def org_units_plain() -> list[dict[str, Any]]:
    """Every unit as ``{"id", "parent_id", "code", "name"}``, by name (one query)."""
    return [
        {"id": pk, "parent_id": parent_id, "code": code, "name": name}
        for pk, parent_id, code, name in OrgUnit.objects.order_by("name").values_list(
            "id", "parent_id", "code", "name"
        )
    ]
