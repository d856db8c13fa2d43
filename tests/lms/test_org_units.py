"""Org units on Lotse's pages (training admin) and /admin/ for administrators only."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from lms import roles
from lms.models import AssignmentRule, OrgUnit
from tests.support.factories import OrgUnitFactory
from tests.support.learning import rule_runs

User = get_user_model()
NEW = "/organisation/einheiten/neu/"


def edit_url(unit) -> str:
    return f"/organisation/einheiten/{unit.pk}/"


def delete_url(unit) -> str:
    return f"/organisation/einheiten/{unit.pk}/loeschen/"


@pytest.fixture
def town(db):
    stadt = OrgUnitFactory(code="stadt", name="Stadt")
    ordnung = OrgUnitFactory(code="ordnungsamt", name="Ordnungsamt", parent=stadt)
    hunde = OrgUnitFactory(code="hundewesen", name="Hundewesen", parent=ordnung)
    return {"stadt": stadt, "ordnung": ordnung, "hunde": hunde}


@pytest.fixture
def personal(make_person, town, client):
    user = make_person(role_names={roles.TRAINING_ADMIN}, unit=town["stadt"])
    client.force_login(user)
    return user


def page(response) -> str:
    return response.content.decode()


def test_training_admin_creates_a_unit_below_another(personal, town, client):
    response = client.post(
        NEW, {"name": "Standesamt", "code": "standesamt", "parent": town["stadt"].pk}
    )
    assert response.status_code == 302 and response["Location"] == "/organisation/"
    unit = OrgUnit.objects.get(code="standesamt")
    assert (unit.name, unit.parent) == ("Standesamt", town["stadt"])
    overview = page(client.get("/organisation/"))
    assert "Die Einheit „Standesamt“ ist angelegt." in overview
    assert edit_url(unit) in overview


def test_unit_form_says_what_is_wrong_in_german(personal, town, client):
    html = page(client.post(NEW, {"name": "", "code": "Ordnungs amt!"}))
    assert "Bitte geben Sie den Namen der Einheit an." in html
    assert "Das Kürzel darf nur Buchstaben, Ziffern, Binde- und Unterstriche" in html
    html = page(client.post(NEW, {"name": "Doppelt", "code": "ordnungsamt"}))
    assert "Dieses Kürzel hat schon eine andere Einheit." in html
    assert OrgUnit.objects.count() == 3


@pytest.mark.parametrize("parent", ["ordnung", "hunde"])
def test_a_unit_cannot_hang_below_itself_or_its_descendants(
    personal, town, client, parent
):
    unit = town["ordnung"]
    form = page(client.get(edit_url(unit)))
    # Neither offered ...
    assert f'<option value="{town[parent].pk}"' not in form
    assert f'<option value="{town["stadt"].pk}" selected' in form
    # ... nor accepted when sent anyway.
    html = page(
        client.post(
            edit_url(unit),
            {"name": "Ordnungsamt", "code": "ordnungsamt", "parent": town[parent].pk},
        )
    )
    assert "Diese Einheit kann nicht übergeordnet sein" in html
    unit.refresh_from_db()
    assert unit.parent == town["stadt"]


def test_model_refuses_a_cycle_with_a_german_message(town):
    from django.core.exceptions import ValidationError

    ordnung = town["ordnung"]
    ordnung.parent = town["hunde"]
    with pytest.raises(ValidationError) as below:
        ordnung.full_clean()
    assert below.value.message_dict["parent"] == [
        "Eine Einheit kann nicht unter einer ihrer eigenen Untereinheiten hängen."
    ]
    ordnung.parent = ordnung
    with pytest.raises(ValidationError) as itself:
        ordnung.full_clean()
    assert itself.value.message_dict["parent"] == [
        "Eine Einheit kann nicht ihre eigene übergeordnete Einheit sein."
    ]


def test_moving_a_unit_applies_the_rules_to_its_people(
    personal, town, client, make_person, django_capture_on_commit_callbacks
):
    make_person(unit=town["hunde"])
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(
            edit_url(town["ordnung"]),
            {"name": "Ordnungsamt", "code": "ordnungsamt", "parent": ""},
        )
    town["ordnung"].refresh_from_db()
    assert town["ordnung"].parent is None
    assert (
        len(rule_runs(callbacks)) == 1
    )  # one rule run for the people of the moved subtree


def test_training_admin_sets_the_heads_among_the_units_people(
    personal, town, client, make_person, django_capture_on_commit_callbacks
):
    unit = town["ordnung"]
    olga = make_person(unit=unit, first_name="Olga", last_name="Ordnung")
    make_person(unit=town["hunde"], first_name="Hugo", last_name="Hund")
    form = page(client.get(edit_url(unit)))
    assert "Ordnung, Olga" in form and "Hund, Hugo" not in form  # the unit's people
    data = {"name": "Ordnungsamt", "code": "ordnungsamt", "parent": town["stadt"].pk}
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(edit_url(unit), {**data, "heads": [olga.pk]})
    assert list(unit.heads.all()) == [olga]
    assert len(rule_runs(callbacks)) == 1  # rules may target heads
    ticked = re.search(
        rf'<input type="checkbox" name="heads" value="{olga.pk}"[^>]*checked',
        page(client.get(edit_url(unit))),
    )
    assert ticked
    client.post(edit_url(unit), data)  # nothing ticked: no head any more
    assert not unit.heads.exists()


def test_unit_is_deleted_only_after_confirmation(personal, town, client):
    empty = OrgUnitFactory(code="archiv", name="Archiv", parent=town["stadt"])
    confirm = page(client.get(delete_url(empty)))
    assert "Wollen Sie die Einheit „Archiv“ (archiv) wirklich löschen?" in confirm
    assert OrgUnit.objects.filter(pk=empty.pk).exists()
    response = client.post(delete_url(empty))
    assert response.status_code == 302
    assert not OrgUnit.objects.filter(pk=empty.pk).exists()
    assert "Die Einheit „Archiv“ ist gelöscht." in page(client.get("/organisation/"))


def test_unit_with_people_children_or_rules_is_not_deleted(
    personal, town, client, make_person
):
    assert "hat noch Einheiten darunter" in page(client.get(delete_url(town["stadt"])))
    response = client.post(delete_url(town["stadt"]))
    assert response.status_code == 409
    assert "hat noch Einheiten darunter" in page(response)

    make_person(unit=town["hunde"])
    response = client.post(delete_url(town["hunde"]))
    assert response.status_code == 409
    assert "Der Einheit „Hundewesen“ sind noch Beschäftigte zugeordnet" in page(
        response
    )

    ruled = OrgUnitFactory(code="kasse", name="Kasse")
    AssignmentRule.objects.create(course_id=1, org_unit=ruled)
    assert "gibt es noch Zuweisungsregeln" in page(client.post(delete_url(ruled)))
    assert (
        OrgUnit.objects.filter(
            pk__in=[town["stadt"].pk, town["hunde"].pk, ruled.pk]
        ).count()
        == 3
    )


# --- /admin/ is for administrators only ---


@pytest.mark.parametrize(
    "role_names", [{roles.TRAINING_ADMIN}, {roles.TRAINER}, {roles.HEAD}, set()]
)
def test_admin_is_closed_to_everyone_below_administration(make_person, role_names):
    user = make_person(role_names=role_names)
    # Even a staff flag set by hand (as older versions did) does not open it.
    User.objects.filter(pk=user.pk).update(is_staff=True)
    client = Client()
    client.force_login(user)
    for path in ("/admin/", "/admin/lms/orgunit/", "/admin/auth/user/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/admin/login/"), path


def test_admin_is_open_to_superusers_and_the_group_administration(make_person):
    superuser = make_person(role_names={roles.ADMIN})
    member = make_person()
    member.groups.add(Group.objects.get(name=roles.GROUP_NAMES[roles.ADMIN]))
    for user in (superuser, member):
        client = Client()
        client.force_login(user)
        assert client.get("/admin/").status_code == 200


def test_roles_below_administration_get_no_staff_flag(make_person):
    for role in (roles.TRAINING_ADMIN, roles.TRAINER, roles.HEAD):
        assert not make_person(role_names={role}).is_staff
    assert make_person(role_names={roles.ADMIN}).is_staff


def test_migration_takes_the_staff_flag_from_non_administrators(make_person):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("lms.migrations.0007_staff_flag_for_administrators_only")
    personal = make_person(role_names={roles.TRAINING_ADMIN})
    trainer = make_person(role_names={roles.TRAINER})
    admin = make_person(role_names={roles.ADMIN})
    member = make_person()
    member.groups.add(Group.objects.get(name=roles.GROUP_NAMES[roles.ADMIN]))
    User.objects.all().update(is_staff=True)
    migration.staff_flag_for_administrators_only(apps, None)
    staff = set(User.objects.filter(is_staff=True).values_list("pk", flat=True))
    assert staff == {admin.pk, member.pk}
    assert personal.pk not in staff and trainer.pk not in staff
