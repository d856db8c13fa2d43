"""Reads of the learning core: states, the start page, compliance, personal export.

Query counts stay constant as enrolments grow: per person a fixed number of
queries, course content comes from the cached outline (`lms.selectors.content`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms import roles
from lms.models import (
    Acknowledgement,
    AssignmentRule,
    Certificate,
    Enrolment,
    LearningEvent,
    LessonProgress,
    Notification,
    QuizAttempt,
    StaffProfile,
)
from lms.selectors import content
from lms.selectors.org import org_subtree_ids, user_roles
from sandbox import selectors as sandbox_selectors

User = get_user_model()

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


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


# --- The learner -----------------------------------------------------------------------


@dataclass
class TrainingItem:
    enrolment: Enrolment
    outline: content.CourseOutline
    state: str
    lessons_done: int
    lessons_total: int
    next_lesson: object | None
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
    today = _today(today)
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
                lessons_done=len(done & set(outline.lesson_ids)),
                lessons_total=len(outline.lessons),
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


def certificates_of(user) -> QuerySet[Certificate]:
    return Certificate.objects.filter(user=user).order_by("-issued_at")


def certificate_by_code(code: str) -> Certificate | None:
    return Certificate.objects.filter(code=code.strip().upper()).first()


def notifications_of(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def notifications_unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


# --- Compliance --------------------------------------------------------------------------

COMPLIANT, NOT_COMPLIANT_OPEN, NOT_COMPLIANT_OVERDUE = "compliant", "open", "overdue"
COMPLIANCE_LABELS = {
    COMPLIANT: _("erfüllt"),
    NOT_COMPLIANT_OPEN: _("offen"),
    NOT_COMPLIANT_OVERDUE: _("überfällig"),
}


def can_view_compliance(user) -> bool:
    return bool(user_roles(user) & {roles.TRAINING_ADMIN, roles.ADMIN, roles.HEAD})


def compliance_unit_scope(user) -> set[int] | None:
    """None = every unit (training admin, admin); else the head's subtree ids."""
    mine = user_roles(user)
    if mine & {roles.TRAINING_ADMIN, roles.ADMIN}:
        return None
    if roles.HEAD in mine:
        return org_subtree_ids(user.headed_units.values_list("id", flat=True))
    return set()


def mandatory_course_outlines() -> list[content.CourseOutline]:
    """Courses that have at least one active assignment rule."""
    ids = sorted(
        set(
            AssignmentRule.objects.filter(is_active=True).values_list(
                "course_id", flat=True
            )
        )
    )
    outlines = [content.course_outline(cid) for cid in ids]
    return sorted((o for o in outlines if o), key=lambda o: o.info.title)


def compliance_rows(
    *, course_id: int, unit_ids: set[int] | None, today: dt.date | None = None
) -> QuerySet[Enrolment]:
    """Mandatory current enrolments of a course with compliance annotations only.

    Annotates `valid_cert` (a valid certificate exists for this person and course),
    `cert_valid_until` and `cert_completed_on` of their latest certificate. Never
    scores or attempts (DESIGN.md §7).
    """
    today = _today(today)
    certificates = Certificate.objects.filter(
        user_id=OuterRef("user_id"), course_id=OuterRef("course_id")
    )
    latest = certificates.order_by("-issued_at")
    rows = (
        Enrolment.objects.filter(
            course_id=course_id,
            is_current=True,
            source=Enrolment.SOURCE_RULE,
            withdrawn_at__isnull=True,
            user__is_active=True,
        )
        .select_related("user", "user__staff__org_unit")
        .annotate(
            valid_cert=Exists(
                certificates.filter(
                    Q(valid_until__isnull=True) | Q(valid_until__gte=today)
                )
            ),
            cert_valid_until=Subquery(latest.values("valid_until")[:1]),
            cert_completed_on=Subquery(latest.values("completed_on")[:1]),
        )
        .order_by("user__last_name", "user__first_name", "id")
    )
    if unit_ids is not None:
        rows = rows.filter(user__staff__org_unit_id__in=unit_ids)
    return rows


def compliance_status(row: Enrolment, *, today: dt.date | None = None) -> str:
    today = _today(today)
    if row.completed_at is not None or row.valid_cert:
        return COMPLIANT
    if row.due_on is not None and row.due_on < today:
        return NOT_COMPLIANT_OVERDUE
    return NOT_COMPLIANT_OPEN


def compliance_summary(
    *, course_id: int, unit_ids: set[int] | None, today: dt.date | None = None
) -> dict[str, int]:
    """Counts per compliance status (one query)."""
    today = _today(today)
    rows = compliance_rows(course_id=course_id, unit_ids=unit_ids, today=today)
    counts = rows.aggregate(
        total=Count("id"),
        compliant=Count(
            "id", filter=Q(completed_at__isnull=False) | Q(valid_cert=True)
        ),
        overdue=Count(
            "id",
            filter=Q(completed_at__isnull=True, valid_cert=False, due_on__lt=today),
        ),
    )
    counts["open"] = counts["total"] - counts["compliant"] - counts["overdue"]
    return counts


# --- My data ------------------------------------------------------------------------------


def _iso(value):
    return value.isoformat() if value is not None else None


def personal_data_export(user) -> dict:
    """Everything Lotse's learning core holds about one person (DESIGN.md §7.6)."""
    profile = StaffProfile.objects.select_related("org_unit").filter(user=user).first()
    enrolments = list(
        Enrolment.objects.filter(user=user).order_by("course_id", "cycle")
    )
    ids = [e.pk for e in enrolments]
    return {
        "format": "lotse-personal-data/1",
        "exported_at": timezone.now().isoformat(),
        "profile": {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "personnel_number": profile.personnel_number if profile else None,
            "org_unit": profile.org_unit.name if profile else None,
            "job_title": profile.job_title if profile else None,
            "roles": sorted(user_roles(user)),
        },
        "enrolments": [
            {
                "id": e.pk,
                "course": e.course_id,
                "cycle": e.cycle,
                "current": e.is_current,
                "source": e.source,
                "assigned_at": _iso(e.assigned_at),
                "due_on": _iso(e.due_on),
                "completed_at": _iso(e.completed_at),
                "withdrawn_at": _iso(e.withdrawn_at),
            }
            for e in enrolments
        ],
        "progress": [
            {
                "enrolment": p.enrolment_id,
                "lesson": p.lesson_id,
                "completed_at": _iso(p.completed_at),
            }
            for p in LessonProgress.objects.filter(enrolment_id__in=ids)
        ],
        "acknowledgements": [
            {
                "enrolment": a.enrolment_id,
                "lesson": a.lesson_id,
                "block": a.block_id,
                "created_at": _iso(a.created_at),
            }
            for a in Acknowledgement.objects.filter(enrolment_id__in=ids)
        ],
        "quiz_attempts": [
            {
                "enrolment": q.enrolment_id,
                "lesson": q.lesson_id,
                "block": q.block_id,
                "number": q.number,
                "answers": q.answers,
                "score": q.score,
                "passed": q.passed,
                "created_at": _iso(q.created_at),
            }
            for q in QuizAttempt.objects.filter(enrolment_id__in=ids).order_by("id")
        ],
        "certificates": [
            {
                "code": c.code,
                "course": c.course_id,
                "course_title": c.course_title,
                "holder_name": c.holder_name,
                "completed_on": _iso(c.completed_on),
                "valid_until": _iso(c.valid_until),
                "issued_at": _iso(c.issued_at),
            }
            for c in Certificate.objects.filter(user=user).order_by("id")
        ],
        "notifications": [
            {
                "kind": n.kind,
                "subject": n.subject,
                "body": n.body,
                "created_at": _iso(n.created_at),
                "read_at": _iso(n.read_at),
            }
            for n in Notification.objects.filter(recipient=user).order_by("id")
        ],
        "exemptions": [
            {
                "course": x.course_id,
                "reason": x.reason,
                "created_at": _iso(x.created_at),
            }
            for x in user.training_exemptions.all()
        ],
        "learning_events": [
            event.as_xapi()
            for event in LearningEvent.objects.filter(actor=user).order_by("id")
        ],
        "sandbox_runs": sandbox_selectors.runs_export_for_user(user_id=user.pk),
    }
