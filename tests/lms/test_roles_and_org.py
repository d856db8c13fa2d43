"""Start page and navigation per role; a head's org subtree."""

import pytest

from lms import roles
from lms.selectors.org import org_units_led_by, user_roles
from tests.support.factories import OrgUnitFactory


@pytest.fixture
def town(db):
    stadt = OrgUnitFactory(code="stadt", name="Stadt")
    amt = OrgUnitFactory(code="amt", name="Ordnungsamt", parent=stadt)
    team = OrgUnitFactory(code="team", name="Team Hunde", parent=amt)
    finanzen = OrgUnitFactory(code="fin", name="Finanzen", parent=stadt)
    kasse = OrgUnitFactory(code="kasse", name="Kasse", parent=finanzen)
    return {"stadt": stadt, "amt": amt, "team": team, "fin": finanzen, "kasse": kasse}


def nav_labels(client):
    html = client.get("/").content.decode()
    return html


def test_employee_sees_no_admin_links_and_gets_403(client, make_person, town):
    client.force_login(make_person(unit=town["team"]))
    html = client.get("/").content.decode()
    assert "Meine Schulungen" in html
    assert 'href="/kurse/"' in html  # the course catalogue is in everyone's menu
    for hidden in ("/admin/", "/cms/", "/organisation/", "/api/v1/docs/"):
        assert f'href="{hidden}"' not in html
    assert client.get("/organisation/").status_code == 403
    assert "Kein Zugriff" in client.get("/organisation/import/").content.decode()


def test_training_admin_sees_org_and_rules_not_the_django_admin(
    client, make_person, town
):
    client.force_login(
        make_person(role_names={roles.TRAINING_ADMIN}, unit=town["stadt"])
    )
    html = client.get("/").content.decode()
    assert 'href="/organisation/"' in html and 'href="/organisation/regeln/"' in html
    assert 'href="/admin/"' not in html  # Django's admin is the administrators' tool
    assert 'href="/api/v1/docs/"' not in html
    assert client.get("/organisation/").status_code == 200
    assert client.get("/admin/").status_code == 302  # to Django's admin login


def test_trainer_sees_authoring_not_admin(client, make_person, town):
    client.force_login(make_person(role_names={roles.TRAINER}, unit=town["stadt"]))
    html = client.get("/").content.decode()
    assert 'href="/cms/"' in html and "Schulungen gestalten" in html
    assert 'href="/admin/"' not in html
    cms = client.get("/cms/")
    assert cms.status_code == 200
    assert '<html lang="de"' in cms.content.decode()  # the Wagtail admin speaks German
    assert client.get("/organisation/").status_code == 403


def test_administrator_sees_everything(client, make_person, town):
    client.force_login(make_person(role_names={roles.ADMIN}, unit=town["stadt"]))
    html = client.get("/").content.decode()
    for link in ("/organisation/", "/admin/", "/cms/", "/api/v1/docs/"):
        assert f'href="{link}"' in html


def test_head_of_several_units_sees_both_subtrees(make_person, town):
    head = make_person(unit=town["amt"], heads=[town["amt"], town["fin"]])
    assert roles.HEAD in user_roles(head)
    visible = {u.code for u in org_units_led_by(head)}
    assert visible == {"amt", "team", "fin", "kasse"}


def test_head_start_page_lists_subtree_with_member_counts(client, make_person, town):
    head = make_person(unit=town["amt"], heads=[town["amt"]])
    make_person(unit=town["team"])
    make_person(unit=town["team"])
    make_person(unit=town["kasse"])
    client.force_login(head)
    html = client.get("/").content.decode()
    assert "Meine Organisationseinheiten" in html
    assert "Team Hunde" in html and "2 Personen" in html
    assert "Kasse" not in html


def test_employee_is_not_a_head(make_person, town):
    person = make_person(unit=town["team"])
    assert user_roles(person) == {roles.EMPLOYEE}
    assert list(org_units_led_by(person)) == []
