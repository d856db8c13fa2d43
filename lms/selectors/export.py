"""The personal data export: everything the learning core holds about one person."""

from __future__ import annotations

from django.utils import timezone

from lms.models import (
    Acknowledgement,
    Certificate,
    Enrolment,
    LearningEvent,
    LessonProgress,
    Notification,
    QuizAttempt,
    StaffProfile,
)
from lms.selectors.org import user_roles
from sandbox import selectors as sandbox_selectors


def _iso(value):
    return value.isoformat() if value is not None else None


def personal_data_export(user) -> dict:
    """Everything Lotse's learning core holds about one person (their right of access)."""
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
                "emailed_at": _iso(n.emailed_at),
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
