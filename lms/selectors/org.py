"""Reads of the organisation that other modules need."""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.cache import cache
from django.db.models import Count, Q, QuerySet

from lms import roles
from lms.models.org import OrgUnit, StaffProfile
from lms.person_generation import account_generations

# Attribute on the user object that caches its roles for the rest of the request
# (and in the kept account, lms/backends.py).
_ROLES_CACHE = "_lotse_roles"
ROLES_TTL = 300  # an upper bound, should a change of roles ever pass unseen


def user_roles(user: User | AnonymousUser) -> set[str]:
    """The roles of a person; cached on the user object for the rest of the request."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, _ROLES_CACHE, None)
    if cached is None:
        # Shared between requests under the account's generations, which change
        # with the account row, the person's groups and the units they lead.
        key = ":".join(["lms:roles", str(user.pk), *account_generations(user.pk)])
        cached = cache.get(key)
        if cached is None:
            cached = _roles_from_database(user)
            cache.set(key, cached, ROLES_TTL)
        setattr(user, _ROLES_CACHE, cached)
    return cached


def _roles_from_database(user: User) -> set[str]:
    names = user.groups.values_list("name", flat=True)
    found = {roles.ROLE_BY_GROUP[n] for n in names if n in roles.ROLE_BY_GROUP}
    if user.is_superuser:
        found.add(roles.ADMIN)
    if user.headed_units.exists():
        found.add(roles.HEAD)
    found.add(roles.EMPLOYEE)
    return found


def org_subtree_ids(root_ids: Iterable[int]) -> set[int]:
    """Ids of the given units and of every unit below them (one query)."""
    children: dict[int | None, list[int]] = {}
    for unit_id, parent_id in OrgUnit.objects.values_list("id", "parent_id"):
        children.setdefault(parent_id, []).append(unit_id)
    found: set[int] = set()
    stack = list(root_ids)
    while stack:
        unit_id = stack.pop()
        if unit_id not in found:
            found.add(unit_id)
            stack.extend(children.get(unit_id, []))
    return found


def org_ancestor_ids(unit_id: int) -> set[int]:
    """The unit's id and those of every unit above it (one query)."""
    parents = dict(OrgUnit.objects.values_list("id", "parent_id"))
    found: set[int] = set()
    current: int | None = unit_id
    while current is not None and current not in found:
        found.add(current)
        current = parents.get(current)
    return found


def org_heads_led_unit_ids() -> list[list[int]]:
    """For each head, the ids of the units they lead (one query); heads who lead
    the same units appear once."""
    led: dict[int, list[int]] = {}
    for user_id, unit_id in OrgUnit.heads.through.objects.filter(
        user__is_active=True
    ).values_list("user_id", "orgunit_id"):
        led.setdefault(user_id, []).append(unit_id)
    return [list(ids) for ids in {tuple(sorted(ids)) for ids in led.values()}]


def org_units_led_by(user: User) -> QuerySet[OrgUnit]:
    """Every unit a head may see: the units they lead with their whole subtrees."""
    led = list(user.headed_units.values_list("id", flat=True))
    return org_units_with_member_counts().filter(id__in=org_subtree_ids(led))


def org_units_with_member_counts() -> QuerySet[OrgUnit]:
    """All units with `members_count`: active staff directly in the unit."""
    return (
        OrgUnit.objects.select_related("parent")
        .annotate(
            members_count=Count("members", filter=Q(members__user__is_active=True))
        )
        .order_by("parent__name", "name")
    )


def org_tree(units: Iterable[OrgUnit]) -> list[tuple[OrgUnit, int]]:
    """Units in tree order as (unit, depth), for an indented list."""
    units = list(units)
    ids = {u.id for u in units}
    by_parent: dict[int | None, list[OrgUnit]] = {}
    for unit in units:
        parent = unit.parent_id if unit.parent_id in ids else None
        by_parent.setdefault(parent, []).append(unit)
    ordered: list[tuple[OrgUnit, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for unit in sorted(by_parent.get(parent, []), key=lambda u: u.name):
            ordered.append((unit, depth))
            walk(unit.id, depth + 1)

    walk(None, 0)
    return ordered


def staff_profile_of(user: AbstractBaseUser) -> StaffProfile | None:
    return (
        StaffProfile.objects.select_related("org_unit").filter(user_id=user.pk).first()
    )


def org_unit_head_candidates(unit: OrgUnit) -> QuerySet[User]:
    """Who may be offered as a head of the unit: its active people and its heads."""
    people = get_user_model().objects.filter(
        Q(is_active=True, staff__org_unit=unit) | Q(headed_units=unit)
    )
    return people.distinct().order_by("last_name", "first_name", "username")
