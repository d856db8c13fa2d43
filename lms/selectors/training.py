"""A person's training: the state of each enrolment, "my training", the catalogue.

Query counts stay constant as enrolments grow: per person a fixed number of
queries, course content comes from the cached outline (`lms.selectors.content`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.selectors import LessonInfo
from lms.models import Certificate, Enrolment, LessonProgress
from lms.selectors import content
from lms.selectors.progress import lessons_counted

EXPIRING_SOON_DAYS = 30

OPEN, IN_PROGRESS, OVERDUE, DONE, EXPIRING, EXPIRED = (
    "open",
    "in_progress",
    "overdue",
    "done",
    "expiring",
    "expired",
)
STATE_LABELS = {
    OPEN: _("offen"),
    IN_PROGRESS: _("in Bearbeitung"),
    OVERDUE: _("überfällig"),
    DONE: _("abgeschlossen"),
    EXPIRING: _("läuft bald ab"),
    EXPIRED: _("abgelaufen"),
}
STATE_BADGES = {
    OPEN: "",
    IN_PROGRESS: "",
    OVERDUE: "badge--danger",
    DONE: "badge--success",
    EXPIRING: "badge--warning",
    EXPIRED: "badge--danger",
}


def enrolment_state(
    *,
    completed: bool,
    due_on: dt.date | None,
    started: bool,
    valid_until: dt.date | None,
    today: dt.date,
) -> str:
    """One of open, in_progress, overdue, done, expiring, expired (pure function)."""
    if completed:
        if valid_until is None:
            return DONE
        if valid_until < today:
            return EXPIRED
        if (valid_until - today).days <= EXPIRING_SOON_DAYS:
            return EXPIRING
        return DONE
    if due_on is not None and due_on < today:
        return OVERDUE
    return IN_PROGRESS if started else OPEN


@dataclass
class TrainingItem:
    enrolment: Enrolment
    outline: content.CourseOutline
    state: str
    lessons_done: int
    lessons_total: int
    next_lesson: LessonInfo | None
    certificate: Certificate | None
    previous_certificate: Certificate | None = None

    @property
    def state_label(self):
        return STATE_LABELS[self.state]

    @property
    def state_badge(self) -> str:
        return STATE_BADGES[self.state]

    @property
    def next_position(self) -> int | None:
        """1-based position of the next lesson in the course."""
        if self.next_lesson is None:
            return None
        return (self.outline.lesson_index(self.next_lesson.id) or 0) + 1

    @property
    def percent(self) -> int:
        if not self.lessons_total:
            return 0
        return round(100 * self.lessons_done / self.lessons_total)


def my_training(user, *, today: dt.date | None = None) -> list[TrainingItem]:
    """A person's current enrolments with state, progress, next lesson, certificate.

    Mandatory first (by due date), then self-chosen. Three queries, whatever the
    number of enrolments (course content from the cached outlines).
    """
    today = today or timezone.localdate()
    enrolments = list(
        Enrolment.objects.filter(user=user, is_current=True)
        .filter(
            Q(withdrawn_at__isnull=True)
            | Q(completed_at__isnull=False)
            | Q(lesson_progress__isnull=False)
        )
        .distinct()
        .select_related("certificate")
        .order_by("source", "due_on", "id")
    )
    done_by_enrolment: dict[int, set[int]] = {}
    for enrolment_id, lesson_id in LessonProgress.objects.filter(
        enrolment__in=enrolments
    ).values_list("enrolment_id", "lesson_id"):
        done_by_enrolment.setdefault(enrolment_id, set()).add(lesson_id)
    certificates = {}
    for certificate in Certificate.objects.filter(user=user).order_by("issued_at"):
        certificates[certificate.course_id] = certificate  # latest per course wins
    items = []
    for enrolment in enrolments:
        outline = content.course_outline(enrolment.course_id)
        if outline is None:
            continue
        done = done_by_enrolment.get(enrolment.pk, set())
        own = (
            getattr(enrolment, "certificate", None) if enrolment.completed_at else None
        )
        latest = certificates.get(enrolment.course_id)
        if own is not None:
            valid_until = own.valid_until
        else:
            valid_until = None
        counted = lessons_counted(outline, enrolment, done)
        state = enrolment_state(
            completed=enrolment.completed_at is not None,
            due_on=enrolment.due_on,
            started=bool(done),
            valid_until=valid_until,
            today=today,
        )
        if (
            state in (OPEN, IN_PROGRESS)
            and own is None
            and latest is not None
            and latest.valid_until is not None
            and latest.valid_until >= today
        ):
            state = EXPIRING  # a recertification cycle while the old one still holds
        items.append(
            TrainingItem(
                enrolment=enrolment,
                outline=outline,
                state=state,
                lessons_done=len(done & {lesson.id for lesson in counted}),
                lessons_total=len(counted),
                next_lesson=next(
                    (lesson for lesson in outline.lessons if lesson.id not in done),
                    None,
                ),
                certificate=own,
                previous_certificate=latest if own is None else None,
            )
        )
    return items


def catalogue_for(user) -> list[content.CourseOutline]:
    """Published courses the person is not currently enrolled in (to self-enrol)."""
    enrolled = set(
        Enrolment.objects.filter(user=user, is_current=True).values_list(
            "course_id", flat=True
        )
    )
    outlines = [content.course_outline(cid) for cid in content.course_ids_live()]
    return [o for o in outlines if o is not None and o.id not in enrolled]


def course_exercises(outline: content.CourseOutline) -> list[dict]:
    """The course's sandbox exercises that can be played, one per process."""
    seen: set[str] = set()
    exercises = []
    for exercise in outline.exercises:
        if exercise.process_id in seen or not content.exercise_blocks_completion(
            exercise.process_id
        ):
            continue
        seen.add(exercise.process_id)
        exercises.append({"title": exercise.title, "process_id": exercise.process_id})
    return exercises
