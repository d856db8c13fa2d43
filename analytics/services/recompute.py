"""The readiness recompute: one snapshot per person in scope and process, then the
per-unit sums of the day, all set-based.

Per process it costs a fixed number of grouped queries (staff in scope, lessons
done, best quiz scores, certificates, evidence, survey answers), a loop over the
already aggregated rows that only does arithmetic (the formula), and bulk inserts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from analytics import formula, tasks
from analytics.chart_cache import dashboard_charts_invalidate
from analytics.models import (
    ReadinessAggregate,
    ReadinessEvidence,
    ReadinessSnapshot,
    RecomputeJob,
    SurveyAnswer,
    SurveyWave,
)
from analytics.selectors.scope import ProcessScope, process_scopes
from analytics.services.surveys import survey_pseudonym
from courses import selectors as courses
from lms.selectors import readiness as learning

BATCH = 5000


@dataclass(frozen=True)
class _Content:
    course_ids: list[int]
    lesson_ids: list[int]
    quizzes: list[tuple[int, str, int]]  # lesson id, block id, pass mark


def _content_of(scope: ProcessScope) -> _Content:
    course_ids, lesson_ids, quizzes = [], [], []
    for course_id in scope.course_ids:
        info = courses.course_info(course_id)
        if info is None:
            continue
        course_ids.append(course_id)
        lesson_ids += [lesson.id for lesson in courses.lessons_of_course(course_id)]
        quizzes += [
            (lesson_id, block_id, info.pass_mark)
            for lesson_id, block_id in courses.quizzes_of_course(course_id)
        ]
    return _Content(course_ids, lesson_ids, quizzes)


def _survey_answers(
    scope: ProcessScope, people: dict[int, int]
) -> dict[int, SurveyAnswer]:
    """user id → their answer in the newest wave of the process's initiatives that
    they answered (found by recomputing the pseudonym; the answer holds no id)."""
    waves = list(
        SurveyWave.objects.filter(initiative_id__in=scope.initiative_ids)
        .order_by("-opens_on", "-id")
        .values_list("id", flat=True)
    )
    found: dict[int, SurveyAnswer] = {}
    for wave_id in waves:
        by_pseudonym = {
            answer.pseudonym: answer
            for answer in SurveyAnswer.objects.filter(wave_id=wave_id).only(
                "pseudonym", "awareness", "desire", "reinforcement"
            )
        }
        if not by_pseudonym:
            continue
        for user_id in people:
            if user_id not in found:
                answer = by_pseudonym.get(survey_pseudonym(wave_id, user_id))
                if answer is not None:
                    found[user_id] = answer
    return found


def _snapshots_of(scope: ProcessScope, *, day: dt.date) -> list[ReadinessSnapshot]:
    people = learning.staff_units(unit_ids=scope.unit_ids)
    content = _content_of(scope)
    for user_id, unit_id in learning.staff_assigned_to_courses(
        course_ids=content.course_ids
    ).items():
        people.setdefault(user_id, unit_id)
    if not people:
        return []
    done = learning.lessons_completed_counts(
        course_ids=content.course_ids, lesson_ids=content.lesson_ids
    )
    best = learning.quiz_best_scores(course_ids=content.course_ids)
    started = learning.learners_started(course_ids=content.course_ids)
    certificates = learning.certificate_validity(course_ids=content.course_ids)
    evidence = {
        user_id: (clean, passed)
        for user_id, clean, passed in ReadinessEvidence.objects.filter(
            process_id=scope.process_id
        ).values_list("user_id", "clean_runs", "passed_ever")
    }
    answers = _survey_answers(scope, people)
    snapshots = []
    for user_id, unit_id in people.items():
        own_best = best.get(user_id, {})
        own_certificates = certificates.get(user_id, {})
        completion = (
            done.get(user_id, 0) / len(content.lesson_ids)
            if content.lesson_ids
            else None
        )
        assessment = (
            sum(
                min(1.0, own_best.get((lesson, block), 0) / (mark or 100))
                for lesson, block, mark in content.quizzes
            )
            / len(content.quizzes)
            if content.quizzes
            else None
        )
        freshness = (
            sum(
                formula.freshness_component(
                    own_certificates.get(course_id),
                    certified=course_id in own_certificates,
                    today=day,
                )
                for course_id in content.course_ids
            )
            / len(content.course_ids)
            if content.course_ids
            else 0.0
        )
        clean, passed = evidence.get(user_id, (0, False))
        answer = answers.get(user_id)
        components = formula.Components(
            completion=completion,
            assessment=assessment,
            sandbox=formula.sandbox_component(clean),
            freshness=freshness,
            survey_a=formula.survey_scale(answer.awareness) if answer else None,
            survey_d=formula.survey_scale(answer.desire) if answer else None,
            survey_r=formula.survey_scale(answer.reinforcement) if answer else None,
        )
        result = formula.evaluate(components)
        snapshots.append(
            ReadinessSnapshot(
                day=day,
                user_id=user_id,
                org_unit_id=unit_id,
                process_id=scope.process_id,
                completion=completion if completion is not None else 0.0,
                assessment=assessment,
                sandbox=components.sandbox,
                freshness=freshness,
                survey_a=components.survey_a,
                survey_d=components.survey_d,
                survey_r=components.survey_r,
                readiness=result.readiness,
                barrier=result.barrier,
                ready=result.ready,
                started=user_id in started or passed,
                course_completed=bool(content.course_ids)
                and all(c in own_certificates for c in content.course_ids),
                sandbox_passed=passed,
                formula_version=formula.FORMULA_VERSION,
            )
        )
    return snapshots


def _aggregate(day: dt.date, process_id: str) -> list[ReadinessAggregate]:
    """The per-unit sums of the day's snapshots (one grouped query)."""
    rows = (
        ReadinessSnapshot.objects.filter(day=day, process_id=process_id)
        .values("org_unit_id")
        .annotate(
            n=Count("id"),
            readiness_sum=Sum("readiness"),
            ready_n=Count("id", filter=Q(ready=True)),
            started_n=Count("id", filter=Q(started=True)),
            completed_n=Count("id", filter=Q(course_completed=True)),
            passed_n=Count("id", filter=Q(sandbox_passed=True)),
            b_a=Count("id", filter=Q(barrier="A")),
            b_d=Count("id", filter=Q(barrier="D")),
            b_k=Count("id", filter=Q(barrier="K")),
            b_ab=Count("id", filter=Q(barrier="Ab")),
            b_r=Count("id", filter=Q(barrier="R")),
            b_none=Count("id", filter=Q(barrier="")),
        )
    )
    return [
        ReadinessAggregate(
            day=day,
            org_unit_id=row["org_unit_id"],
            process_id=process_id,
            n=row["n"],
            readiness_sum=row["readiness_sum"] or 0.0,
            ready=row["ready_n"],
            started=row["started_n"],
            course_completed=row["completed_n"],
            sandbox_passed=row["passed_n"],
            barrier_a=row["b_a"],
            barrier_d=row["b_d"],
            barrier_k=row["b_k"],
            barrier_ab=row["b_ab"],
            barrier_r=row["b_r"],
            barrier_none=row["b_none"],
            formula_version=formula.FORMULA_VERSION,
        )
        for row in rows
    ]


def readiness_recompute(
    *,
    day: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Recompute the snapshots of every person in scope and the per-unit sums for
    ``day`` (today); replaces that day's rows (idempotent). Per-person snapshots
    older than ``ANALYTICS_PERSON_SNAPSHOT_DAYS`` are deleted; per-unit sums stay.
    Returns ``{"processes": n, "people": n}``."""
    day = day or timezone.localdate()
    scopes = process_scopes()
    total = len(scopes)
    people = 0
    if progress:
        progress(0, total)
    for done, scope in enumerate(scopes.values(), start=1):
        snapshots = _snapshots_of(scope, day=day)
        with transaction.atomic():
            ReadinessSnapshot.objects.filter(
                day=day, process_id=scope.process_id
            ).delete()
            ReadinessAggregate.objects.filter(
                day=day, process_id=scope.process_id
            ).delete()
            ReadinessSnapshot.objects.bulk_create(snapshots, batch_size=BATCH)
            ReadinessAggregate.objects.bulk_create(
                _aggregate(day, scope.process_id), batch_size=BATCH
            )
        people += len(snapshots)
        if progress:
            progress(done, total)
    with transaction.atomic():
        # Processes no longer tracked: their figures of today go.
        ReadinessSnapshot.objects.filter(day=day).exclude(
            process_id__in=list(scopes)
        ).delete()
        ReadinessAggregate.objects.filter(day=day).exclude(
            process_id__in=list(scopes)
        ).delete()
        keep_days = settings.ANALYTICS_PERSON_SNAPSHOT_DAYS
        ReadinessSnapshot.objects.filter(
            day__lt=day - dt.timedelta(days=keep_days)
        ).delete()
    dashboard_charts_invalidate()
    return {"processes": total, "people": people}


def recompute_job_create(*, user) -> RecomputeJob:
    """A job for an on-demand recompute; the task starts after commit."""
    with transaction.atomic():
        job = RecomputeJob.objects.create(
            started_by=user if user.is_authenticated else None
        )
        transaction.on_commit(
            lambda: tasks.readiness_recompute_job.delay(job_id=job.pk)
        )
    return job


def recompute_job_run(*, job_id: int) -> str:
    """Run an on-demand recompute and keep its progress on the job row."""
    job = RecomputeJob.objects.filter(pk=job_id).first()
    if job is None or job.status == RecomputeJob.Status.DONE:
        return "skipped"

    def progress(done: int, total: int) -> None:
        RecomputeJob.objects.filter(pk=job_id).update(
            status=RecomputeJob.Status.RUNNING, done=done, total=total
        )

    try:
        readiness_recompute(progress=progress)
    except Exception:
        RecomputeJob.objects.filter(pk=job_id).update(
            status=RecomputeJob.Status.FAILED, finished_at=timezone.now()
        )
        raise
    RecomputeJob.objects.filter(pk=job_id).update(
        status=RecomputeJob.Status.DONE, finished_at=timezone.now()
    )
    return "done"
