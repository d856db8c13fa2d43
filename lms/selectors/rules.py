"""Reads of the assignment rules: whom a rule covers, and a preview before saving.

`rules_apply` (lms.services.rules) and the preview use the same matching, so the
preview's figures are what saving will do.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone

from lms import roles
from lms.models import AssignmentRule, Enrolment, Exemption, OrgUnit, StaffProfile
from lms.selectors import content
from lms.selectors.org import org_subtree_ids

User = get_user_model()


def person_roles(user_ids: set[int] | None) -> dict[int, set[str]]:
    """Roles per person (of these people; None: everyone), as rules see them."""
    members = User.groups.through.objects.select_related("group")
    heads = OrgUnit.heads.through.objects.all()
    supers = User.objects.filter(is_superuser=True)
    if user_ids is not None:
        members = members.filter(user_id__in=user_ids)
        heads = heads.filter(user_id__in=user_ids)
        supers = supers.filter(pk__in=user_ids)
    found: dict[int, set[str]] = {}
    for user_id, group_name in members.values_list("user_id", "group__name"):
        if group_name in roles.ROLE_BY_GROUP:
            found.setdefault(user_id, set()).add(roles.ROLE_BY_GROUP[group_name])
    for user_id in heads.values_list("user_id", flat=True):
        found.setdefault(user_id, set()).add(roles.HEAD)
    for user_id in supers.values_list("pk", flat=True):
        found.setdefault(user_id, set()).add(roles.ADMIN)
    return found


def rule_matches(
    rule: AssignmentRule,
    unit_ids: set[int] | None,
    profile: StaffProfile,
    person_roles: set[str],
) -> bool:
    if unit_ids is not None and profile.org_unit_id not in unit_ids:
        return False
    if rule.role and rule.role not in (person_roles | {roles.EMPLOYEE}):
        return False
    return not (
        rule.job_title and rule.job_title.casefold() != profile.job_title.casefold()
    )


@dataclass(frozen=True)
class RulePreview:
    covered: int  # active people the rule covers (without exemptions)
    newly_enrolled: int  # of them, those without a current mandatory enrolment
    starts_later: bool  # the rule starts on a later day: nobody is enrolled yet


def rule_covered_user_ids(rule: AssignmentRule) -> set[int]:
    """Active people this rule covers, whether or not it is active or started."""
    unit_ids = org_subtree_ids([rule.org_unit_id]) if rule.org_unit_id else None
    profiles = StaffProfile.objects.filter(user__is_active=True)
    if unit_ids is not None:
        profiles = profiles.filter(org_unit_id__in=unit_ids)
    if rule.job_title:
        profiles = profiles.filter(job_title__iexact=rule.job_title)
    found = list(profiles.only("user_id", "org_unit_id", "job_title"))
    mine = person_roles({p.user_id for p in found}) if rule.role else {}
    exempt = set(
        Exemption.objects.filter(course_id=rule.course_id).values_list(
            "user_id", flat=True
        )
    )
    return {
        p.user_id
        for p in found
        if p.user_id not in exempt
        and rule_matches(rule, unit_ids, p, mine.get(p.user_id, set()))
    }


def rule_preview(rule: AssignmentRule) -> RulePreview:
    """How many people an (unsaved) rule covers and how many saving would enrol."""
    covered = rule_covered_user_ids(rule)
    enrolled = set(
        Enrolment.objects.filter(
            course_id=rule.course_id,
            is_current=True,
            source=Enrolment.SOURCE_RULE,
            withdrawn_at__isnull=True,
            user_id__in=covered,
        ).values_list("user_id", flat=True)
    )
    starts_later = rule.starts_on is not None and rule.starts_on > timezone.localdate()
    newly = 0 if starts_later or not rule.is_active else len(covered - enrolled)
    return RulePreview(
        covered=len(covered), newly_enrolled=newly, starts_later=starts_later
    )


def rules_listed() -> QuerySet[AssignmentRule]:
    """Every rule, active first, with its unit."""
    return AssignmentRule.objects.select_related("org_unit").order_by(
        "-is_active", "course_id", "org_unit__name", "id"
    )


def exemptions_listed() -> QuerySet[Exemption]:
    return Exemption.objects.select_related(
        "user", "user__staff__org_unit", "created_by"
    ).order_by("user__last_name", "user__first_name", "course_id")


def course_titles(course_ids) -> dict[int, str]:
    """Course id -> title (live courses; unknown ids are left out)."""
    titles = {}
    for course_id in set(course_ids):
        outline = content.course_outline(course_id)
        if outline is not None:
            titles[course_id] = outline.info.title
    return titles


def course_choices() -> list[tuple[int, str]]:
    """Live courses as (id, title), by title."""
    outlines = [content.course_outline(cid) for cid in content.course_ids_live()]
    return sorted(
        ((o.id, o.info.title) for o in outlines if o is not None), key=lambda c: c[1]
    )


def org_unit_choices() -> QuerySet[OrgUnit]:
    return OrgUnit.objects.order_by("name")
