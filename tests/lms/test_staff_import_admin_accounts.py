"""The staff import run by a training admin never changes an administrator account."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from lms import roles
from lms.services.staff_import import staff_import
from tests.support.factories import OrgUnitFactory

User = get_user_model()

HEADER = "personalnummer;vorname;nachname;email;einheit;benutzername;funktion;rollen\n"


@pytest.fixture
def town(db):
    return OrgUnitFactory(code="it"), OrgUnitFactory(code="amt")


@pytest.fixture
def admin(make_person, town):
    return make_person(
        role_names={roles.ADMIN},
        unit=town[0],
        username="admin",
        first_name="Alex",
        last_name="Admin",
        email="admin@musterstadt.example",
    )


@pytest.fixture
def personal(make_person, town):
    return make_person(role_names={roles.TRAINING_ADMIN}, unit=town[1])


def account(user):
    user = User.objects.get(pk=user.pk)
    return (
        user.username,
        user.first_name,
        user.last_name,
        user.email,
        user.password,
        user.is_active,
        user.is_superuser,
        user.is_staff,
        sorted(user.groups.values_list("name", flat=True)),
        user.staff.org_unit.code,
        user.staff.job_title,
    )


def admin_row(admin, **changes) -> str:
    values = {
        "personalnummer": admin.staff.personnel_number,
        "vorname": admin.first_name,
        "nachname": admin.last_name,
        "email": admin.email,
        "einheit": "it",
        "benutzername": admin.username,
        "funktion": admin.staff.job_title,
        "rollen": "Administration",
    }
    values.update(changes)
    return ";".join(values.values()) + "\n"


@pytest.mark.parametrize(
    "changes",
    [
        {"nachname": "Umbenannt"},
        {"email": "personal@musterstadt.example"},
        {"benutzername": "ehemals-admin"},
        {"einheit": "amt"},
        {"rollen": ""},  # would take Administration away
        {"rollen": "Personalentwicklung"},
    ],
)
def test_training_admin_cannot_change_an_administrator_by_personnel_number(
    admin, personal, changes
):
    before = account(admin)
    result = staff_import(
        data=(HEADER + admin_row(admin, **changes)).encode(), actor=personal
    )
    assert not result.ok
    assert (
        "Administration vergibt oder ändert nur die Administration"
        in (result.errors[0])
    )
    assert account(admin) == before


def test_a_member_of_the_group_administration_is_protected_too(
    make_person, personal, town
):
    member = make_person(unit=town[1], username="gruppenadmin")
    member.groups.add(Group.objects.get(name=roles.GROUP_NAMES[roles.ADMIN]))
    before = account(member)
    row = admin_row(member, einheit="amt", rollen="", email="neu@musterstadt.example")
    result = staff_import(data=(HEADER + row).encode(), actor=personal)
    assert not result.ok
    assert account(member) == before


def test_a_new_row_cannot_take_over_the_administrators_username(admin, personal):
    before = account(admin)
    row = "P999;Eve;Evil;eve@musterstadt.example;amt;admin;;\n"
    result = staff_import(data=(HEADER + row).encode(), actor=personal)
    assert "Benutzername „admin“ gehört schon einer anderen Person" in result.errors[0]
    assert account(admin) == before
    assert not User.objects.filter(email="eve@musterstadt.example").exists()


def test_an_administrator_may_update_an_administrator(admin, make_person, town):
    other = make_person(role_names={roles.ADMIN}, unit=town[0])
    row = admin_row(admin, nachname="Neu")
    assert staff_import(data=(HEADER + row).encode(), actor=other).ok
    admin.refresh_from_db()
    assert admin.last_name == "Neu" and admin.is_superuser
