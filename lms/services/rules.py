"""Assignment rules and exemptions: who must do which training by when.

Rules are applied for everyone nightly and, once the change is committed, whenever
a rule, a person's unit or a person's roles change (`rules_apply_queue`): the
services that make those changes call it explicitly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.models import (
    AssignmentRule,
    Certificate,
    Enrolment,
    Exemption,
    StaffProfile,
)
from lms.selectors import content
from lms.selectors.org import org_subtree_ids
from lms.selectors.rules import person_roles, rule_covered_user_ids, rule_matches
from lms.services.enrolments import enrolment_new
from lms.services.events import event_log
from lms.tasks import learning_rules_apply

User = get_user_model()


@dataclass
class RulesResult:
    created: int = 0
    reactivated: int = 0
    withdrawn: int = 0
    cycles_opened: int = 0


def rules_apply_queue(*, user_ids: list[int] | None) -> None:
    """Apply the rules to these people (None: everyone) once the change is committed.

    The one way to ask for a rule run after a write: rule changes, staff import,
    roles and profile changes (services and admin) all come through here.
    """
    ids = sorted(set(user_ids)) if user_ids is not None else None
    if ids == []:
        return
    transaction.on_commit(lambda: learning_rules_apply.delay(user_ids=ids))


def assignment_rule_save(*, rule: AssignmentRule) -> AssignmentRule:
    """Validate and save a rule, then apply all rules once the change is committed."""
    if content.course_outline(rule.course_id) is None:
        raise ValidationError(
            {"course_id": _("Einen veröffentlichten Kurs mit dieser ID gibt es nicht.")}
        )
    with transaction.atomic():
        rule.full_clean()
        rule.save()
        rules_apply_queue(user_ids=None)
    return rule


def assignment_rule_delete(*, rule: AssignmentRule) -> None:
    """Delete a rule; enrolments stay (withdrawn if unfinished and no rule matches)."""
    with transaction.atomic():
        rule.delete()
        rules_apply_queue(user_ids=None)


def assignment_rule_save_and_apply(
    *, rule: AssignmentRule, now: dt.datetime | None = None
) -> RulesResult:
    """Save a rule (new or changed) and apply the rules at once to everyone it
    covered before or covers now; returns what happened (for the page to say).
    """
    if content.course_outline(rule.course_id) is None:
        raise ValidationError(
            {"course_id": _("Einen veröffentlichten Kurs mit dieser ID gibt es nicht.")}
        )
    with transaction.atomic():
        before: set[int] = set()
        if rule.pk is not None:
            stored = AssignmentRule.objects.filter(pk=rule.pk).first()
            if stored is not None:
                before = rule_covered_user_ids(stored)
        rule.full_clean()
        rule.save()
        affected = before | rule_covered_user_ids(rule)
        return rules_apply(user_ids=sorted(affected), now=now)


def assignment_rule_deactivate(
    *, rule: AssignmentRule, now: dt.datetime | None = None
) -> RulesResult:
    """Switch a rule off; unfinished enrolments no other rule asks for are withdrawn
    (records stay). Returns what happened."""
    with transaction.atomic():
        rule.is_active = False
        rule.save(update_fields=["is_active"])
        return rules_apply(user_ids=sorted(rule_covered_user_ids(rule)), now=now)


def exemption_create(*, user, course_id: int, reason: str, actor=None) -> Exemption:
    """Exempt a person from a mandatory course; their records stay."""
    with transaction.atomic():
        exemption = Exemption(
            user=user, course_id=course_id, reason=reason.strip(), created_by=actor
        )
        exemption.full_clean()
        exemption.save()
        rules_apply(user_ids=[user.pk])
    return exemption


def exemption_delete(*, exemption: Exemption) -> None:
    """Lift an exemption: the person's matching rules apply again at once."""
    with transaction.atomic():
        user_id = exemption.user_id
        exemption.delete()
        rules_apply(user_ids=[user_id])


# A rule with the ids of the units it covers (its unit and every unit below it);
# None covers every unit.
_ScopedRule = tuple[AssignmentRule, set[int] | None]


def _matching_rules(now) -> dict[int, list[_ScopedRule]]:
    today = timezone.localdate(now)
    rules = [
        r
        for r in AssignmentRule.objects.filter(is_active=True).order_by(
            "due_days", "id"
        )
        if r.starts_on is None or r.starts_on <= today
    ]
    by_course: dict[int, list[_ScopedRule]] = {}
    for rule in rules:
        unit_ids = org_subtree_ids([rule.org_unit_id]) if rule.org_unit_id else None
        by_course.setdefault(rule.course_id, []).append((rule, unit_ids))
    return by_course


def rules_apply(
    *, user_ids: list[int] | None = None, now: dt.datetime | None = None
) -> RulesResult:
    """Bring enrolments in line with the active rules (for everyone or some people).

    New matches get an enrolment due `due_days` later; people who no longer match
    (moved, exempted, rule removed) keep their records, but an unfinished mandatory
    enrolment is marked withdrawn. Also opens recertification cycles that are due.
    Idempotent: a second run changes nothing.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    result = RulesResult()
    scope = set(user_ids) if user_ids is not None else None
    with transaction.atomic():
        rules_by_course = _matching_rules(now)
        active = StaffProfile.objects.filter(user__is_active=True)
        if scope is not None:
            active = active.filter(user_id__in=scope)
        profiles = list(active.only("user_id", "org_unit_id", "job_title"))
        roles_of = person_roles(scope)
        exempt = set(Exemption.objects.values_list("user_id", "course_id"))

        wanted: dict[tuple[int, int], AssignmentRule] = {}
        for profile in profiles:
            mine = roles_of.get(profile.user_id, set())
            for course_id, rules in rules_by_course.items():
                if (profile.user_id, course_id) in exempt:
                    continue
                for rule, unit_ids in rules:
                    if rule_matches(rule, unit_ids, profile, mine):
                        wanted[(profile.user_id, course_id)] = rule
                        break

        current_qs = Enrolment.objects.filter(is_current=True).select_related("rule")
        if scope is not None:
            current_qs = current_qs.filter(user_id__in=scope)
        current = {(e.user_id, e.course_id): e for e in current_qs}

        for key, rule in wanted.items():
            enrolment = current.get(key)
            due_on = today + dt.timedelta(days=rule.due_days)
            if enrolment is None:
                enrolment_new(
                    user_id=key[0],
                    course_id=key[1],
                    source=Enrolment.SOURCE_RULE,
                    rule=rule,
                    due_on=due_on,
                    now=now,
                )
                event_log(
                    actor_id=key[0],
                    verb="assigned",
                    object_type="course",
                    object_id=key[1],
                    course_id=key[1],
                    now=now,
                )
                result.created += 1
                continue
            changed = []
            if enrolment.source == Enrolment.SOURCE_SELF:
                enrolment.source = Enrolment.SOURCE_RULE
                changed.append("source")
                if enrolment.completed_at is None:
                    enrolment.due_on = due_on
                    changed.append("due_on")
            if enrolment.withdrawn_at is not None:
                enrolment.withdrawn_at = None
                changed.append("withdrawn_at")
                if enrolment.completed_at is None and (
                    enrolment.due_on is None or enrolment.due_on < today
                ):
                    enrolment.due_on = due_on
                    changed.append("due_on")
                result.reactivated += 1
            if enrolment.rule_id != rule.pk:
                enrolment.rule = rule
                changed.append("rule")
            if changed:
                enrolment.save(update_fields=sorted(set(changed)))
            if _recertification_open(enrolment, rule, now):
                result.cycles_opened += 1

        for key, enrolment in current.items():
            if (
                key not in wanted
                and enrolment.source == Enrolment.SOURCE_RULE
                and enrolment.withdrawn_at is None
                and enrolment.completed_at is None
            ):
                enrolment.withdrawn_at = now
                enrolment.save(update_fields=["withdrawn_at"])
                result.withdrawn += 1
    return result


def _recertification_open(enrolment: Enrolment, rule: AssignmentRule, now) -> bool:
    """Open the next cycle `rule.due_days` before the certificate expires."""
    if enrolment.completed_at is None:
        return False
    certificate = Certificate.objects.filter(enrolment=enrolment).first()
    if certificate is None or certificate.valid_until is None:
        return False
    opens_on = certificate.valid_until - dt.timedelta(days=rule.due_days)
    if timezone.localdate(now) < opens_on:
        return False
    Enrolment.objects.filter(pk=enrolment.pk).update(is_current=False)
    enrolment_new(
        user_id=enrolment.user_id,
        course_id=enrolment.course_id,
        source=Enrolment.SOURCE_RULE,
        rule=rule,
        cycle=enrolment.cycle + 1,
        due_on=certificate.valid_until,
        now=now,
    )
    event_log(
        actor_id=enrolment.user_id,
        verb="assigned",
        object_type="course",
        object_id=enrolment.course_id,
        course_id=enrolment.course_id,
        now=now,
    )
    return True
