"""Compliance records of mandatory training: who has done what, by when.

Training admins see every unit, heads their own subtree; the rows carry
compliance records only (enrolled, due, completed, certificate validity).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypedDict

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms import roles
from lms.models import AssignmentRule, Certificate, Enrolment, OrgUnit
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


# Query parameter `status` -> status key; `sortierung` -> ordering (the name breaks ties).
STATUS_PARAMS = {
    "offen": NOT_COMPLIANT_OPEN,
    "ueberfaellig": NOT_COMPLIANT_OVERDUE,
    "erfuellt": COMPLIANT,
}
SORTS = {
    "name": ("user__last_name", "user__first_name"),
    "einheit": ("user__staff__org_unit__name",),
    "status": ("status_rank",),
    "faellig": ("due_on",),
    "gueltig": ("cert_valid_until",),
}
_STATUS_RANK = {NOT_COMPLIANT_OVERDUE: 0, NOT_COMPLIANT_OPEN: 1, COMPLIANT: 2}


def mandatory_course_outlines(
    unit_ids: set[int] | None = None,
) -> list[content.CourseOutline]:
    """Courses with an active assignment rule that applies to any of these units.

    A rule applies to its unit and every unit below it, a rule without a unit to
    every unit; `unit_ids=None` (training admin) means every course with a rule.
    """
    rules = AssignmentRule.objects.filter(is_active=True).values_list(
        "course_id", "org_unit_id"
    )
    ids: set[int] = set()
    subtree_cache: dict[int, set[int]] = {}
    for course_id, rule_unit in rules:
        if unit_ids is None or rule_unit is None:
            ids.add(course_id)
            continue
        if rule_unit not in subtree_cache:
            subtree_cache[rule_unit] = org_subtree_ids([rule_unit])
        if subtree_cache[rule_unit] & unit_ids:
            ids.add(course_id)
    outlines = [content.course_outline(cid) for cid in sorted(ids)]
    return sorted((o for o in outlines if o), key=lambda o: o.info.title)


def compliance_units(unit_ids: set[int] | None) -> QuerySet[OrgUnit]:
    """The units a viewer may filter by: their scope (None: every unit)."""
    units = OrgUnit.objects.order_by("name")
    return units if unit_ids is None else units.filter(id__in=unit_ids)


def compliance_filtered(
    rows: QuerySet[ComplianceRow],
    *,
    today: dt.date,
    status: str = "",
    query: str = "",
    sort: str = "name",
    descending: bool = False,
) -> QuerySet[ComplianceRow]:
    """`compliance_rows` narrowed by status and name, in the order asked for.

    `status` is a status key (COMPLIANT, ...), `query` words that must each occur
    in the first name, last name or username, `sort` a key of SORTS.
    """
    done = Q(completed_at__isnull=False) | Q(valid_cert=True)
    overdue = Q(completed_at__isnull=True, valid_cert=False, due_on__lt=today)
    if status == COMPLIANT:
        rows = rows.filter(done)
    elif status == NOT_COMPLIANT_OVERDUE:
        rows = rows.filter(overdue)
    elif status == NOT_COMPLIANT_OPEN:
        rows = rows.exclude(done).exclude(overdue)
    for word in query.split()[:5]:
        rows = rows.filter(
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(user__username__icontains=word)
        )
    rows = rows.annotate(
        status_rank=Case(
            When(done, then=Value(_STATUS_RANK[COMPLIANT])),
            When(overdue, then=Value(_STATUS_RANK[NOT_COMPLIANT_OVERDUE])),
            default=Value(_STATUS_RANK[NOT_COMPLIANT_OPEN]),
            output_field=IntegerField(),
        )
    )
    fields = SORTS.get(sort, SORTS["name"])
    ordering = [
        F(f).desc(nulls_last=True) if descending else F(f).asc(nulls_last=True)
        for f in fields
    ]
    return rows.order_by(*ordering, "user__last_name", "user__first_name", "id")


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
    """Counts per compliance status and the share done in whole percent (one query)."""
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
    counts["percent"] = (
        round(100 * counts["compliant"] / counts["total"]) if counts["total"] else 0
    )
    return counts
