"""The demo town "Musterstadt": org units, 230 invented staff, the demo logins.

Deterministic (seeded Faker) and idempotent: people are keyed by personnel number,
units by code, so running it twice changes nothing. Staff home addresses are not
stored at all: a training platform does not need them (data minimisation).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from faker import Faker

from demo.accounts import DEMO_LOGINS, DEMO_PASSWORD, demo_email
from lms import roles
from lms.models import OrgUnit, StaffProfile

User = get_user_model()

TOTAL_STAFF = 230

# code, name, parent code, number of staff (the rest of 230 goes to "soziales")
UNITS = [
    ("stadt", "Stadt Musterstadt", None, 3),
    ("buergerbuero", "Bürgerbüro", "stadt", 3),
    ("bb-melde", "Team Meldewesen", "buergerbuero", 17),
    ("bb-pass", "Team Pass- und Ausweiswesen", "buergerbuero", 16),
    ("ordnungsamt", "Ordnungsamt", "stadt", 28),
    ("finanzen", "Finanzen/Steueramt", "stadt", 26),
    ("bauaufsicht", "Bauaufsicht", "stadt", 20),
    ("stadtplanung", "Stadtplanung", "stadt", 12),
    ("standesamt", "Standesamt", "stadt", 9),
    ("personal", "Personal", "stadt", 12),
    ("it", "IT", "stadt", 13),
    ("gleichstellung", "Gleichstellungsstelle", "stadt", 2),
    ("rechnungspruefung", "Rechnungsprüfung", "stadt", 3),
    ("datenschutz", "Datenschutz", "stadt", 1),
    ("soziales", "Soziales", "stadt", None),
]

JOB_TITLES = {
    "stadt": ["Bürgermeisterin", "Büroleitung", "Referentin"],
    "ordnungsamt": [
        "Sachbearbeitung Gewerbe",
        "Sachbearbeitung Hundewesen",
        "Außendienst",
    ],
    "finanzen": ["Sachbearbeitung Steuern", "Kasse", "Haushalt"],
    "bauaufsicht": ["Sachbearbeitung Bauantrag", "Bauingenieurin", "Bauzeichner"],
    "default": ["Sachbearbeitung", "Verwaltungsfachangestellte", "Teamassistenz"],
}


def seed_town(*, stdout=None) -> None:
    """Create Musterstadt's units, staff, heads and demo logins (idempotent)."""
    with transaction.atomic():
        roles.sync_groups()
        units = _seed_units()
        _seed_staff(units)
    if stdout:
        stdout.write(
            f"Musterstadt: {OrgUnit.objects.count()} Einheiten, "
            f"{StaffProfile.objects.count()} Beschäftigte."
        )


def _seed_units() -> dict[str, OrgUnit]:
    units: dict[str, OrgUnit] = {}
    for code, name, parent, _size in UNITS:
        unit, _ = OrgUnit.objects.get_or_create(
            code=code, defaults={"name": name, "parent": units.get(parent)}
        )
        units[code] = unit
    return units


def _seed_staff(units: dict[str, OrgUnit]) -> None:
    existing = set(StaffProfile.objects.values_list("personnel_number", flat=True))
    password = make_password(DEMO_PASSWORD)
    groups = {g.name: g for g in Group.objects.all()}
    fake = Faker("de_DE")
    Faker.seed(4711)

    people = []  # (personnel number, username, first, last, unit, title, roles, heads)
    for number, (username, first, last, unit, title, role_set, heads) in enumerate(
        DEMO_LOGINS, start=1
    ):
        people.append(
            (f"P{number:04d}", username, first, last, unit, title, role_set, heads)
        )
    counts = {code: 0 for code, *_ in UNITS}
    for *_, unit, _title, _roles, _heads in people:
        counts[unit] += 1
    fixed = sum(size for *_, size in UNITS if size)
    sizes = {code: size or TOTAL_STAFF - fixed for code, _n, _p, size in UNITS}
    usernames = {p[1] for p in people}
    number = len(people)
    for code, *_ in UNITS:
        titles = JOB_TITLES.get(code, JOB_TITLES["default"])
        for index in range(sizes[code] - counts[code]):
            number += 1
            first, last = fake.first_name(), fake.last_name()
            username = _unique_username(first, last, usernames)
            is_head = index == 0 and code != "ordnungsamt"
            people.append(
                (
                    f"P{number:04d}",
                    username,
                    first,
                    last,
                    code,
                    "Amtsleitung" if is_head else titles[index % len(titles)],
                    {roles.HEAD} if is_head else set(),
                    code if is_head else None,
                )
            )

    # Bulk writes: one query per table instead of ~8 per person (and no per-person
    # signals; the learning seed applies the assignment rules once afterwards).
    new_people = [p for p in people if p[0] not in existing]
    users = User.objects.bulk_create(
        User(
            username=username,
            first_name=first,
            last_name=last,
            email=demo_email(username),
            password=password,
            is_superuser=roles.ADMIN in role_set,
            is_staff=bool(role_set & roles.STAFF_ROLES),
        )
        for _number, username, first, last, _unit, _title, role_set, _heads in new_people
    )
    users_by_name = {
        u.username: u
        for u in User.objects.filter(username__in=[u.username for u in users])
    }
    StaffProfile.objects.bulk_create(
        StaffProfile(
            user=users_by_name[username],
            personnel_number=number,
            org_unit=units[unit],
            job_title=title,
        )
        for number, username, _first, _last, unit, title, _roles, _heads in new_people
    )
    Membership = User.groups.through
    Membership.objects.bulk_create(
        Membership(user_id=users_by_name[username].pk, group_id=groups[group].pk)
        for _n, username, _f, _l, _u, _t, role_set, _h in new_people
        for group in (roles.GROUP_NAMES[r] for r in role_set | {roles.EMPLOYEE})
    )
    Heads = OrgUnit.heads.through
    Heads.objects.bulk_create(
        Heads(orgunit_id=units[heads].pk, user_id=users_by_name[username].pk)
        for _n, username, _f, _l, _u, _t, _r, heads in new_people
        if heads
    )


def _unique_username(first: str, last: str, taken: set[str]) -> str:
    base = f"{first}.{last}".lower()
    for umlaut, plain in (
        ("ä", "ae"),
        ("ö", "oe"),
        ("ü", "ue"),
        ("ß", "ss"),
        (" ", ""),
    ):
        base = base.replace(umlaut, plain)
    base = "".join(c for c in base if c.isalnum() or c in ".-")
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}{n}"
    taken.add(candidate)
    return candidate
