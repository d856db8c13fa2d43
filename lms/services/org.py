"""Every write of the organisation: org units, roles and staff profiles.

The CSV import of staff lives in `lms.services.staff_import`.

A person's unit, job title and roles decide which assignment rules apply, so each
of these writes asks for a rule run for the people it changed (`rules_apply_queue`).
"""

from django.contrib.auth.models import AbstractUser, Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from lms import roles
from lms.models.org import OrgUnit, StaffProfile
from lms.selectors.org import org_subtree_ids
from lms.services.rules import rules_apply_queue


def user_set_roles(*, user: AbstractUser, role_names: set[str]) -> None:
    """Give a person exactly these roles (groups, admin access flags).

    Their assignment rules are applied again once the change is committed.
    """
    unknown = role_names - set(roles.ROLES)
    if unknown:
        raise ValidationError(_("Unbekannte Rolle: %s") % ", ".join(sorted(unknown)))
    with transaction.atomic():
        _roles_set(user, role_names)
        rules_apply_queue(user_ids=[user.pk])


def _roles_set(user: AbstractUser, role_names: set[str]) -> None:
    role_names = role_names | {roles.EMPLOYEE}
    wanted = {roles.GROUP_NAMES[r] for r in role_names}
    role_groups = list(Group.objects.filter(name__in=roles.GROUP_NAMES.values()))
    # Other groups (such as the course review group) are not roles: they stay.
    user.groups.remove(*[g for g in role_groups if g.name not in wanted])
    user.groups.add(*[g for g in role_groups if g.name in wanted])
    user.is_superuser = roles.ADMIN in role_names
    user.is_staff = bool(role_names & roles.STAFF_ROLES)
    user.save(update_fields=["is_superuser", "is_staff"])


def staff_profile_save(*, profile: StaffProfile) -> StaffProfile:
    """Validate and save a staff profile (new or changed unit or job title).

    Joiners and movers get the training of their new unit once committed.
    """
    with transaction.atomic():
        profile.full_clean()
        profile.save()
        rules_apply_queue(user_ids=[profile.user_id])
    return profile


class OrgUnitInUse(Exception):
    """The unit still has people, units or rules below it; the message says which."""


def org_unit_save(*, unit: OrgUnit, heads: list | None = None) -> OrgUnit:
    """Validate and save an org unit (new, renamed, moved under another parent),
    and set its heads when given.

    A move changes which rules reach the people of the unit and of every unit below
    it, and a rule may target heads: whoever is affected gets a rule run once
    committed.
    """
    moved = (
        unit.pk is not None
        and OrgUnit.objects.filter(pk=unit.pk)
        .exclude(parent_id=unit.parent_id)
        .exists()
    )
    affected: set[int] = set()
    with transaction.atomic():
        unit.full_clean()
        unit.save()
        if moved:
            affected |= set(
                StaffProfile.objects.filter(
                    org_unit_id__in=org_subtree_ids([unit.pk])
                ).values_list("user_id", flat=True)
            )
        if heads is not None:
            before = set(unit.heads.values_list("pk", flat=True))
            unit.heads.set(heads)
            affected |= before ^ {head.pk for head in heads}
        if affected:
            rules_apply_queue(user_ids=list(affected))
    return unit


def org_unit_deletion_blocker(unit: OrgUnit) -> str:
    """Why the unit cannot be deleted, as a German sentence; "" when it can."""
    if unit.children.exists():
        return _(
            "Die Einheit „%s“ hat noch Einheiten darunter. Ordnen Sie diese zuerst "
            "einer anderen Einheit zu oder löschen Sie sie."
        ) % (unit.name,)
    if unit.members.exists():
        return _(
            "Der Einheit „%s“ sind noch Beschäftigte zugeordnet (auch ausgeschiedene "
            "oder deaktivierte). Ordnen Sie sie zuerst einer anderen Einheit zu."
        ) % (unit.name,)
    if unit.assignment_rules.exists():
        return _(
            "Für die Einheit „%s“ gibt es noch Zuweisungsregeln. Ändern oder löschen "
            "Sie diese zuerst."
        ) % (unit.name,)
    return ""


def org_unit_delete(*, unit: OrgUnit) -> None:
    """Delete an org unit that has no people, units or rules below it.

    Raises OrgUnitInUse with a German sentence otherwise, also when other records
    (such as reported adoption figures) still refer to it.
    """
    with transaction.atomic():
        blocker = org_unit_deletion_blocker(unit)
        if blocker:
            raise OrgUnitInUse(blocker)
        try:
            with transaction.atomic():
                unit.delete()
        except ProtectedError as exc:
            raise OrgUnitInUse(
                _(
                    "Die Einheit „%s“ wird noch verwendet (etwa von gemeldeten "
                    "Fallzahlen) und kann deshalb nicht gelöscht werden."
                )
                % (unit.name,)
            ) from exc
