"""Every write of the organisation: roles and staff profiles.

The CSV import of staff lives in `lms.services.staff_import`.

A person's unit, job title and roles decide which assignment rules apply, so each
of these writes asks for a rule run for the people it changed (`rules_apply_queue`).
"""

from django.contrib.auth.models import AbstractUser, Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lms import roles
from lms.models.org import StaffProfile
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
