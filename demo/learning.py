"""Demo learning data for Musterstadt: assignment rules and a spread of progress.

Runs after the town (`demo.town.seed_town`) and the courses (`demo.courses.seed`).
Rules: the data-protection course for everyone, each process course for the units
that run it. Progress over the last months is deterministic (seeded random) and
written in bulk for speed: some people done (a few certificates expiring soon), some
in progress, some not started, some overdue. Idempotent: does nothing once rules
exist. The demo employee (erika.mustermann) has the data-protection course still
open, so a first visit (and the browser test) can work through it.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from demo.accounts import EMPLOYEE_USERNAME
from lms.models import (
    Acknowledgement,
    AssignmentRule,
    Certificate,
    Enrolment,
    LearningEvent,
    LessonProgress,
    OrgUnit,
    QuizAttempt,
)
from lms.selectors import content
from lms.services.certificates import certificate_build
from lms.services.rules import rules_apply

# course slug -> (unit codes or None for everyone, due days)
RULES = {
    "datenschutz-im-digitalen-verfahren": (None, 30),
    "hund-anmelden-digital": (["ordnungsamt", "finanzen"], 45),
    "personalausweis-digital": (["buergerbuero"], 45),
    "bauantrag-digital-pruefen": (["bauaufsicht"], 60),
}


def seed_learning(*, stdout=None) -> None:
    """Create the demo rules and progress (idempotent)."""
    if AssignmentRule.objects.exists():
        return
    outlines = {}
    for course_id in content.course_ids_live():
        outline = content.course_outline(course_id)
        if outline is not None:
            outlines[outline.info.slug] = outline
    if not outlines:
        if stdout:
            stdout.write("Lernen: keine Kurse gefunden – keine Zuweisungen angelegt.")
        return
    now = timezone.now()
    rng = random.Random(4711)
    with transaction.atomic():
        units = {u.code: u for u in OrgUnit.objects.all()}
        for slug, (unit_codes, due_days) in RULES.items():
            outline = outlines.get(slug)
            if outline is None:
                continue
            for code in unit_codes or [None]:
                if code is not None and code not in units:
                    continue
                AssignmentRule.objects.create(
                    course_id=outline.id,
                    org_unit=units.get(code) if code else None,
                    due_days=due_days,
                )
        # Assigned about three months ago, so due dates lie in the past for some.
        rules_apply(now=now - dt.timedelta(days=95))
        by_id = {o.id: o for o in outlines.values()}
        enrolments = list(
            Enrolment.objects.filter(is_current=True).select_related("user")
        )
        plan = _Plan()
        for enrolment in enrolments:
            outline = by_id.get(enrolment.course_id)
            if outline is None:
                continue
            if enrolment.user.username == EMPLOYEE_USERNAME:
                _demo_employee(enrolment, outline, now, plan)
            else:
                _spread(enrolment, outline, now, rng, plan)
        plan.save()
        rules_apply(now=now)  # as the nightly run would: opens due recertifications
    if stdout:
        stdout.write(
            f"Lernen: {AssignmentRule.objects.count()} Zuweisungsregeln, "
            f"{Enrolment.objects.count()} Einschreibungen, "
            f"{Certificate.objects.count()} Zertifikate."
        )


class _Plan:
    """Rows to write in bulk."""

    def __init__(self):
        self.progress, self.acks, self.attempts, self.events = [], [], [], []
        self.certificates, self.enrolments = [], []

    def save(self):
        Enrolment.objects.bulk_update(
            self.enrolments, ["assigned_at", "due_on", "completed_at"], batch_size=500
        )
        for model, rows in [
            (LessonProgress, self.progress),
            (Acknowledgement, self.acks),
            (QuizAttempt, self.attempts),
            (Certificate, self.certificates),
            (LearningEvent, self.events),
        ]:
            model.objects.bulk_create(rows, batch_size=500)


def _event(plan, enrolment, verb, object_type, object_id, when, **result):
    plan.events.append(
        LearningEvent(
            actor_id=enrolment.user_id,
            verb=verb,
            object_type=object_type,
            object_id=str(object_id),
            course_id=enrolment.course_id,
            timestamp=when,
            **result,
        )
    )


def _learn(enrolment, outline, lessons: int, start, end, plan, rng, *, quizzes=True):
    """Lessons 1..n done between start and end; their quizzes and acks too."""
    span = max((end - start).total_seconds(), 3600)
    done_lessons = outline.lessons[:lessons]
    for index, lesson in enumerate(done_lessons):
        when = start + dt.timedelta(
            seconds=span * (index + 1) / (len(done_lessons) + 1)
        )
        for block_id in outline.quizzes_of_lesson(lesson.id) if quizzes else []:
            first_score = rng.choice([40, 60, 60, 80, 100])
            scores = [first_score] if first_score >= 80 else [first_score, 100]
            for number, score in enumerate(scores, start=1):
                at = when - dt.timedelta(minutes=10 * (len(scores) - number + 1))
                plan.attempts.append(
                    QuizAttempt(
                        enrolment=enrolment,
                        lesson_id=lesson.id,
                        block_id=block_id,
                        number=number,
                        answers={},
                        answers_digest="demo",
                        score=score,
                        passed=score >= outline.info.pass_mark,
                        feedback=[],
                        created_at=at,
                    )
                )
                verb = "passed" if score >= outline.info.pass_mark else "failed"
                _event(
                    plan,
                    enrolment,
                    verb,
                    "quiz",
                    f"{lesson.id}/{block_id}",
                    at,
                    score=score,
                    success=verb == "passed",
                )
        for block_id in outline.acknowledgements_of_lesson(lesson.id):
            plan.acks.append(
                Acknowledgement(
                    enrolment=enrolment,
                    lesson_id=lesson.id,
                    block_id=block_id,
                    created_at=when,
                )
            )
        plan.progress.append(
            LessonProgress(enrolment=enrolment, lesson_id=lesson.id, completed_at=when)
        )
        _event(plan, enrolment, "completed", "lesson", lesson.id, when, completion=True)


def _complete(enrolment, outline, when, plan):
    enrolment.completed_at = when
    plan.certificates.append(
        certificate_build(enrolment=enrolment, outline=outline, now=when)
    )
    _event(
        plan,
        enrolment,
        "completed",
        "course",
        enrolment.course_id,
        when,
        completion=True,
        success=True,
    )


def _spread(enrolment, outline, now, rng, plan):
    total = len(outline.lessons)
    roll = rng.random()
    today = timezone.localdate(now)
    if roll < 0.45:  # done; for courses with validity some finished ~11 months ago
        if outline.info.certificate_validity_months and rng.random() < 0.25:
            done_at = now - dt.timedelta(days=rng.randint(340, 362))
        else:
            done_at = now - dt.timedelta(days=rng.randint(3, 80))
        enrolment.assigned_at = min(
            enrolment.assigned_at, done_at - dt.timedelta(days=20)
        )
        _learn(
            enrolment,
            outline,
            total,
            done_at - dt.timedelta(days=14),
            done_at,
            plan,
            rng,
        )
        _complete(enrolment, outline, done_at, plan)
    elif roll < 0.70:  # in progress, due in the future
        enrolment.due_on = today + dt.timedelta(days=rng.randint(5, 40))
        _learn(
            enrolment,
            outline,
            rng.randint(1, max(1, total - 1)),
            now - dt.timedelta(days=30),
            now - dt.timedelta(days=1),
            plan,
            rng,
        )
    elif roll < 0.85:  # not started yet
        enrolment.due_on = today + dt.timedelta(days=rng.randint(3, 50))
    else:  # overdue, some with a lesson done
        enrolment.due_on = today - dt.timedelta(days=rng.randint(2, 40))
        if rng.random() < 0.5 and total > 1:
            _learn(
                enrolment,
                outline,
                1,
                now - dt.timedelta(days=60),
                now - dt.timedelta(days=45),
                plan,
                rng,
                quizzes=False,
            )
    plan.enrolments.append(enrolment)


def _demo_employee(enrolment, outline, now, plan):
    today = timezone.localdate(now)
    if outline.info.slug == "datenschutz-im-digitalen-verfahren":
        enrolment.due_on = today + dt.timedelta(days=10)  # open: to work through
    else:
        enrolment.due_on = today + dt.timedelta(days=25)
        _learn(
            enrolment,
            outline,
            1,
            now - dt.timedelta(days=6),
            now - dt.timedelta(days=5),
            plan,
            random.Random(1),
            quizzes=False,
        )
    plan.enrolments.append(enrolment)
