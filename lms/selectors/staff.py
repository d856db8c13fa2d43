"""Reads for the staff page: who is an administrator, search, one person.

An administrator is a superuser or a member of the group "Administration". Only an
administrator manages administrator accounts; everybody else never sees a way to.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, When

from lms import roles
from lms.models.org import OrgUnit, StaffProfile
from lms.selectors.org import org_subtree_ids

User = get_user_model()

_ADMIN_GROUP = roles.GROUP_NAMES[roles.ADMIN]


def administrator_ids() -> set[int]:
    """Ids of every administrator account (superusers and the group Administration)."""
    return set(
        User.objects.filter(
            Q(is_superuser=True) | Q(groups__name=_ADMIN_GROUP)
        ).values_list("pk", flat=True)
    )


def is_administrator(user: AbstractUser | AnonymousUser) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=_ADMIN_GROUP).exists()


def may_manage_account(
    *, actor: AbstractUser | AnonymousUser, user: AbstractUser
) -> bool:
    """Administrator accounts are managed by administrators only."""
    return is_administrator(actor) or not is_administrator(user)


def account_roles(user: AbstractUser) -> set[str]:
    """The roles given to an account (role groups, Administration for superusers).

    Unlike `user_roles` this leaves out the head role that leading a unit brings,
    and the employee role everybody has: it is what the staff page edits.
    """
    return _given_roles(user.groups.values_list("name", flat=True), user.is_superuser)


def _given_roles(group_names, is_superuser: bool) -> set[str]:
    found = {roles.ROLE_BY_GROUP[n] for n in group_names if n in roles.ROLE_BY_GROUP}
    if is_superuser:
        found.add(roles.ADMIN)
    return found - {roles.EMPLOYEE}


def staff_search(*, query: str = "", unit: OrgUnit | None = None) -> QuerySet:
    """Staff profiles matching every word of `query`, within `unit` and below it.

    A word matches a first or last name, username, personnel number or e-mail.
    Each profile carries `is_admin` and its user's groups, so a list page needs the
    same few queries however many people it shows.
    """
    found = StaffProfile.objects.select_related("user", "org_unit")
    for word in query.split():
        found = found.filter(
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(user__username__icontains=word)
            | Q(user__email__icontains=word)
            | Q(personnel_number__icontains=word)
        )
    if unit is not None:
        found = found.filter(org_unit_id__in=org_subtree_ids([unit.pk]))
    in_admin_group = User.groups.through.objects.filter(
        user_id=OuterRef("user_id"), group__name=_ADMIN_GROUP
    )
    return (
        found.annotate(
            is_admin=Case(
                When(Q(user__is_superuser=True) | Exists(in_admin_group), then=True),
                default=False,
                output_field=BooleanField(),
            )
        )
        .prefetch_related("user__groups")
        .order_by("user__last_name", "user__first_name", "personnel_number")
    )


def staff_member_get(*, user_id: int) -> StaffProfile | None:
    return (
        StaffProfile.objects.select_related("user", "org_unit")
        .filter(user_id=user_id)
        .first()
    )


def listed_roles(profile: StaffProfile) -> list[str]:
    """Role labels of a profile from `staff_search` (groups are prefetched there)."""
    user = profile.user
    given = _given_roles([g.name for g in user.groups.all()], user.is_superuser)
    return [str(roles.ROLE_LABELS[r]) for r in roles.ROLES if r in given]
