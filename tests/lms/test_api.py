"""The API skeleton: token login, /me/, org units, schema and offline docs."""

import pytest
from rest_framework.test import APIClient

from lms import roles
from tests.support.factories import OrgUnitFactory


@pytest.fixture
def api():
    return APIClient()


def test_token_login_returns_a_working_token(api, make_person):
    make_person(username="anna")
    response = api.post(
        "/api/v1/auth/token/",
        {"username": "anna", "password": "geheim-123"},
        format="json",
    )
    assert response.status_code == 200
    token = response.json()["token"]
    me = api.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")
    assert me.status_code == 200 and me.json()["username"] == "anna"


def test_token_login_rejects_bad_credentials_in_german(api, make_person):
    make_person(username="anna")
    response = api.post(
        "/api/v1/auth/token/", {"username": "anna", "password": "nein"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Benutzername oder Passwort ist falsch."


def test_token_login_validates_missing_fields(api, db):
    response = api.post("/api/v1/auth/token/", {}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert set(body["errors"]) == {"username", "password"}
    assert body["errors"]["username"] == ["Dieses Feld muss ausgefüllt werden."]


def test_me_describes_the_logged_in_person(api, make_person):
    unit = OrgUnitFactory(code="amt")
    person = make_person(
        role_names={roles.TRAINER}, unit=unit, first_name="Anna", last_name="Amsel"
    )
    api.force_authenticate(person)
    body = api.get("/api/v1/me/").json()
    assert body["name"] == "Anna Amsel"
    assert body["org_unit"] == "amt"
    assert body["roles"] == ["employee", "trainer"]


def test_me_requires_login(api, db):
    response = api.get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json()["detail"]


def test_org_units_for_training_admin_count_active_members(api, make_person):
    stadt = OrgUnitFactory(code="stadt", name="Stadt")
    amt = OrgUnitFactory(code="amt", name="Amt", parent=stadt)
    make_person(unit=amt)
    make_person(unit=amt, is_active=False)
    api.force_authenticate(make_person(role_names={roles.TRAINING_ADMIN}, unit=stadt))
    response = api.get("/api/v1/org/units/")
    assert response.status_code == 200
    rows = {row["code"]: row for row in response.json()["results"]}
    assert rows["amt"] == {
        "code": "amt",
        "name": "Amt",
        "parent": "stadt",
        "members": 1,
    }
    assert rows["stadt"]["parent"] is None and rows["stadt"]["members"] == 1


@pytest.mark.parametrize("role_names", [set(), {roles.TRAINER}, {roles.HEAD}])
def test_org_units_forbidden_for_other_roles(api, make_person, role_names):
    api.force_authenticate(make_person(role_names=role_names))
    response = api.get("/api/v1/org/units/")
    assert response.status_code == 403
    assert response.json()["detail"].startswith("Nur Personalentwicklung")


def test_org_units_allowed_for_administrator(api, make_person):
    api.force_authenticate(make_person(role_names={roles.ADMIN}))
    assert api.get("/api/v1/org/units/").status_code == 200


def test_schema_documents_only_our_api(client, db):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/auth/token/" in paths and "/api/v1/org/units/" in paths
    assert all(p.startswith("/api/v1/") for p in paths)


def test_docs_load_nothing_from_other_hosts(client, db):
    html = client.get("/api/v1/docs/").content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower()
    assert "http://" not in html and "https://" not in html
