"""Compliance records of mandatory training: who has done what, by when.

Training admins see every unit, heads their own subtree; the rows carry
compliance records only (enrolled, due, completed, certificate validity).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms import roles
from lms.models import AssignmentRule, Certificate, Enrolment
from lms.selectors import content
from lms.selectors.org import org_subtree_ids, user_roles

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

COMPLIANT, NOT_COMPLIANT_OPEN, NOT_COMPLIANT_OVERDUE = "compliant", "open", "overdue"
COMPLIANCE_LABELS = {
    COMPLIANT: _("erfüllt"),
    NOT_COMPLIANT_OPEN: _("offen"),
    NOT_COMPLIANT_OVERDUE: _("überfällig"),
}


class ComplianceAnnotations(TypedDict):
    """What `compliance_rows` adds to each enrolment."""

    valid_cert: bool
    cert_valid_until: dt.date | None
    cert_completed_on: dt.date | None


if TYPE_CHECKING:
    # An enrolment as `compliance_rows` returns it.
    ComplianceRow = WithAnnotations[Enrolment, ComplianceAnnotations]


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
) -> QuerySet[ComplianceRow]:
    """Mandatory current enrolments of a course with compliance annotations only.

    Annotates `valid_cert` (a valid certificate exists for this person and course),
    `cert_valid_until` and `cert_completed_on` of their latest certificate. Never
    scores or attempts: those are seen by the person only.
    """
    today = today or timezone.localdate()
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


def compliance_status(row: ComplianceRow, *, today: dt.date | None = None) -> str:
    today = today or timezone.localdate()
    if row.completed_at is not None or row.valid_cert:
        return COMPLIANT
    if row.due_on is not None and row.due_on < today:
        return NOT_COMPLIANT_OVERDUE
    return NOT_COMPLIANT_OPEN


def compliance_summary(
    *, course_id: int, unit_ids: set[int] | None, today: dt.date | None = None
) -> dict[str, int]:
    """Counts per compliance status (one query)."""
    today = today or timezone.localdate()
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
