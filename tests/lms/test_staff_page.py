"""The staff page: the training admin finds and edits people, never administrators."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from lms import roles
from lms.models import AssignmentRule, Enrolment
from lms.services.staff import staff_member_deactivate, staff_member_update
from tests.support.factories import OrgUnitFactory
from tests.support.learning import rule_runs

User = get_user_model()
LIST = "/organisation/beschaeftigte/"


def edit_url(user) -> str:
    return f"{LIST}{user.pk}/"


@pytest.fixture
def town(db):
    stadt = OrgUnitFactory(code="stadt", name="Stadt")
    ordnung = OrgUnitFactory(code="ordnungsamt", name="Ordnungsamt", parent=stadt)
    hunde = OrgUnitFactory(code="hundewesen", name="Hundewesen", parent=ordnung)
    finanzen = OrgUnitFactory(code="finanzen", name="Finanzen", parent=stadt)
    return {"stadt": stadt, "ordnung": ordnung, "hunde": hunde, "finanzen": finanzen}


@pytest.fixture
def personal(make_person, town):
    return make_person(
        role_names={roles.TRAINING_ADMIN},
        unit=town["stadt"],
        username="personal",
        first_name="Paul",
        last_name="Personal",
    )


@pytest.fixture
def erika(make_person, town):
    return make_person(
        unit=town["hunde"],
        username="erika.mustermann",
        first_name="Erika",
        last_name="Mustermann",
        email="erika@musterstadt.example",
    )


@pytest.fixture
def admin(make_person, town):
    return make_person(
        role_names={roles.ADMIN},
        unit=town["stadt"],
        username="admin",
        first_name="Alex",
        last_name="Admin",
    )


@pytest.fixture
def as_personal(client, personal):
    client.force_login(personal)
    return client


def form_data(person, **changes) -> dict:
    data = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "org_unit": person.staff.org_unit_id,
        "job_title": person.staff.job_title,
        "roles": [],
    }
    data.update(changes)
    return data


def listed(response) -> str:
    return response.content.decode()


# --- The list


def test_training_admin_sees_people_with_unit_roles_and_status(
    as_personal, erika, admin
):
    html = listed(as_personal.get(LIST))
    assert "Mustermann, Erika" in html and "Hundewesen" in html
    assert erika.staff.personnel_number in html
    assert f'href="{edit_url(erika)}"' in html
    # An administrator is listed, but without a way to edit the account.
    assert "Admin, Alex" in html and f'href="{edit_url(admin)}"' not in html
    assert "nur durch die Administration änderbar" in html
    assert "Administration" in html and "Personalentwicklung" in html


@pytest.mark.parametrize(
    "term",
    ["mustermann", "Erika", "erika.muster", "T0", "erika@musterstadt", "erika muster"],
)
def test_search_matches_name_username_personnel_number_and_email(
    as_personal, erika, term
):
    if term == "T0":
        term = erika.staff.personnel_number
    html = listed(as_personal.get(LIST, {"q": term}))
    assert "Mustermann, Erika" in html
    assert "Personal, Paul" not in html


def test_search_needs_every_word(as_personal, erika):
    html = listed(as_personal.get(LIST, {"q": "Erika Niemand"}))
    assert "Mustermann, Erika" not in html
    assert "Niemand passt zu Ihrer Suche" in html


def test_unit_filter_includes_the_units_below(as_personal, erika, make_person, town):
    make_person(unit=town["finanzen"], last_name="Kasse")
    html = listed(as_personal.get(LIST, {"einheit": "ordnungsamt"}))
    assert "Mustermann, Erika" in html and "Kasse" not in html
    assert '<option value="ordnungsamt" selected>' in html


def test_list_has_pages_of_fifty_and_keeps_the_filter(as_personal, make_person, town):
    for _ in range(51):
        make_person(unit=town["finanzen"], last_name="Zahl")
    first = listed(as_personal.get(LIST, {"einheit": "finanzen"}))
    assert first.count("Zahl, ") == 50
    assert "Seite 1 von 2" in first and "einheit=finanzen&amp;seite=2" in first
    second = listed(as_personal.get(LIST, {"einheit": "finanzen", "seite": 2}))
    assert second.count("Zahl, ") == 1


def test_list_needs_the_same_queries_for_many_people(as_personal, make_person, town):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert as_personal.get(LIST).status_code == 200
        return len(captured)

    make_person(unit=town["hunde"], role_names={roles.TRAINER})
    as_personal.get(LIST)  # warm the shared caches (roles)
    few = queries()
    for _ in range(10):
        make_person(unit=town["hunde"], role_names={roles.TRAINER})
    assert queries() == few


@pytest.mark.parametrize("role", [None, roles.TRAINER, roles.HEAD])
def test_other_roles_cannot_use_the_staff_page(client, make_person, town, erika, role):
    client.force_login(make_person(role_names={role} if role else set()))
    assert client.get(LIST).status_code == 403
    assert client.get(edit_url(erika)).status_code == 403
    assert (
        client.post(edit_url(erika), form_data(erika, last_name="X")).status_code == 403
    )
    assert client.post(f"{edit_url(erika)}deaktivieren/").status_code == 403
    erika.refresh_from_db()
    assert erika.last_name == "Mustermann" and erika.is_active


def test_anonymous_goes_to_the_login(client, erika):
    response = client.get(edit_url(erika))
    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]


# --- Editing


def test_form_has_german_labels_and_offers_roles_below_administration(
    as_personal, erika
):
    html = listed(as_personal.get(edit_url(erika)))
    for label in ("Vorname", "Nachname", "E-Mail-Adresse", "Organisationseinheit"):
        assert f">{label}:</label>" in html
    assert "<legend>Rollen:</legend>" in html
    assert 'value="trainer"' in html and 'value="training_admin"' in html
    assert 'value="admin"' not in html


def test_editing_saves_names_email_unit_job_title_and_roles(
    as_personal, erika, town, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = as_personal.post(
            edit_url(erika),
            form_data(
                erika,
                first_name="Erika M.",
                last_name="Musterfrau",
                email="Erika.Musterfrau@musterstadt.example",
                org_unit=town["finanzen"].pk,
                job_title="Kasse",
                roles=[roles.TRAINER, roles.HEAD],
            ),
        )
    assert response.status_code == 302 and response["Location"] == LIST
    erika.refresh_from_db()
    assert (erika.first_name, erika.last_name) == ("Erika M.", "Musterfrau")
    assert erika.email == "erika.musterfrau@musterstadt.example"
    assert (erika.staff.org_unit, erika.staff.job_title) == (town["finanzen"], "Kasse")
    assert set(erika.groups.values_list("name", flat=True)) == {
        "Beschäftigte",
        "Schulungsteam",
        "Amtsleitung",
    }
    assert not erika.is_superuser and not erika.is_staff
    assert len(rule_runs(callbacks)) == 1  # one rule run for the changed person
    assert "Die Angaben zu Erika M. Musterfrau sind gespeichert." in listed(
        as_personal.get(LIST)
    )


def test_moving_a_person_applies_the_rules_of_the_new_unit(
    as_personal, erika, town, catalogue, django_capture_on_commit_callbacks
):
    AssignmentRule.objects.create(
        course_id=catalogue.hund.id, org_unit=town["finanzen"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        as_personal.post(
            edit_url(erika), form_data(erika, org_unit=town["finanzen"].pk)
        )
    assert Enrolment.objects.filter(user=erika, course_id=catalogue.hund.id).exists()


def test_roles_edit_keeps_groups_that_are_not_roles(as_personal, erika):
    review, _created = Group.objects.get_or_create(name=roles.LEAD_TRAINER_GROUP)
    erika.groups.add(review)
    as_personal.post(edit_url(erika), form_data(erika, roles=[roles.TRAINER]))
    assert erika.groups.filter(name=roles.LEAD_TRAINER_GROUP).exists()


def test_validation_errors_are_german_and_nothing_is_saved(
    as_personal, erika, make_person
):
    make_person(email="vergeben@musterstadt.example")
    response = as_personal.post(
        edit_url(erika),
        form_data(erika, first_name="", last_name="Neu", email="kein-at-zeichen"),
    )
    html = listed(response)
    assert response.status_code == 200
    assert "Bitte geben Sie den Vornamen an." in html
    assert "Bitte geben Sie eine gültige E-Mail-Adresse an." in html
    assert 'aria-invalid="true"' in html
    response = as_personal.post(
        edit_url(erika), form_data(erika, email="Vergeben@musterstadt.example")
    )
    assert (
        "Die E-Mail-Adresse „vergeben@musterstadt.example“ gehört schon einer "
        "anderen Person." in listed(response)
    )
    erika.refresh_from_db()
    assert erika.last_name == "Mustermann" and erika.email.startswith("erika@")


def test_training_admin_cannot_grant_administration(as_personal, erika):
    response = as_personal.post(edit_url(erika), form_data(erika, roles=[roles.ADMIN]))
    assert response.status_code == 200
    assert "Die Rolle „admin“ können Sie nicht vergeben." in listed(response)
    erika.refresh_from_db()
    assert not erika.is_superuser
    assert not erika.groups.filter(name="Administration").exists()


def test_service_refuses_administration_from_a_training_admin(personal, erika):
    with pytest.raises(ValidationError) as refused:
        staff_member_update(
            actor=personal,
            profile=erika.staff,
            first_name="Erika",
            last_name="Mustermann",
            email=erika.email,
            org_unit=erika.staff.org_unit,
            job_title="",
            role_names={roles.ADMIN},
        )
    assert refused.value.message_dict["roles"] == [
        "Die Rolle Administration vergibt nur die Administration."
    ]
    erika.refresh_from_db()
    assert not erika.is_superuser


def test_training_admin_cannot_touch_an_administrator_account(as_personal, admin):
    before = User.objects.get(pk=admin.pk)
    assert as_personal.get(edit_url(admin)).status_code == 403
    response = as_personal.post(
        edit_url(admin), form_data(admin, email="personal@musterstadt.example")
    )
    assert response.status_code == 403
    assert as_personal.get(f"{edit_url(admin)}deaktivieren/").status_code == 403
    assert as_personal.post(f"{edit_url(admin)}deaktivieren/").status_code == 403
    after = User.objects.get(pk=admin.pk)
    assert (after.email, after.is_active, after.is_superuser) == (
        before.email,
        True,
        True,
    )


def test_a_member_of_the_group_administration_is_an_administrator(
    as_personal, erika, personal
):
    erika.groups.add(Group.objects.get(name="Administration"))
    assert as_personal.get(edit_url(erika)).status_code == 403
    with pytest.raises(PermissionDenied):
        staff_member_deactivate(actor=personal, user=erika)


def test_administrator_edits_an_administrator_and_may_grant_administration(
    client, admin, erika, make_person, town
):
    other_admin = make_person(role_names={roles.ADMIN}, unit=town["stadt"])
    client.force_login(admin)
    assert 'value="admin"' in listed(client.get(edit_url(erika)))
    client.post(edit_url(erika), form_data(erika, roles=[roles.ADMIN]))
    erika.refresh_from_db()
    assert erika.is_superuser and erika.is_staff
    client.post(
        edit_url(other_admin),
        form_data(other_admin, last_name="Umbenannt", roles=[roles.ADMIN]),
    )
    other_admin.refresh_from_db()
    assert other_admin.last_name == "Umbenannt" and other_admin.is_superuser


def test_administrator_cannot_take_administration_from_themselves(client, admin):
    client.force_login(admin)
    response = client.post(edit_url(admin), form_data(admin, roles=[]))
    assert "Die Rolle Administration können Sie sich nicht selbst entziehen." in (
        listed(response)
    )
    admin.refresh_from_db()
    assert admin.is_superuser


# --- Deactivating and activating


def test_deactivating_asks_for_confirmation_first(
    as_personal, erika, django_capture_on_commit_callbacks
):
    edit = listed(as_personal.get(edit_url(erika)))
    assert f'href="{edit_url(erika)}deaktivieren/"' in edit
    confirm = listed(as_personal.get(f"{edit_url(erika)}deaktivieren/"))
    assert "wirklich deaktivieren?" in confirm and "Ja, Konto deaktivieren" in confirm
    erika.refresh_from_db()
    assert erika.is_active  # asking changed nothing

    with django_capture_on_commit_callbacks() as callbacks:
        response = as_personal.post(f"{edit_url(erika)}deaktivieren/")
    assert response.status_code == 302 and response["Location"] == edit_url(erika)
    erika.refresh_from_db()
    assert not erika.is_active
    assert len(rule_runs(callbacks)) == 1
    assert "Konto wieder aktivieren" in listed(as_personal.get(edit_url(erika)))


def test_a_deactivated_person_can_neither_log_in_nor_use_a_token(client, erika):
    token = Token.objects.create(user=erika)
    erika.is_active = False
    erika.save()
    response = client.post(
        "/konto/anmelden/", {"username": erika.username, "password": "geheim-123"}
    )
    assert response.status_code == 200  # the login form again
    assert "_auth_user_id" not in client.session
    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 401


def test_activating_again_applies_rules(
    as_personal, erika, django_capture_on_commit_callbacks
):
    erika.is_active = False
    erika.save()
    assert as_personal.get(f"{edit_url(erika)}aktivieren/").status_code == 405
    with django_capture_on_commit_callbacks() as callbacks:
        as_personal.post(f"{edit_url(erika)}aktivieren/")
    erika.refresh_from_db()
    assert erika.is_active and len(rule_runs(callbacks)) == 1


def test_nobody_deactivates_themselves(as_personal, personal):
    assert f"{edit_url(personal)}deaktivieren/" not in listed(
        as_personal.get(edit_url(personal))
    )
    response = as_personal.post(f"{edit_url(personal)}deaktivieren/", follow=True)
    assert "Ihr eigenes Konto können Sie nicht deaktivieren." in listed(response)
    personal.refresh_from_db()
    assert personal.is_active


# --- Links to the page


def test_org_overview_and_start_page_link_to_the_staff_page(as_personal):
    assert f'href="{LIST}"' in listed(as_personal.get("/organisation/"))
    home = listed(as_personal.get("/"))
    assert home.count(f'href="{LIST}"') == 1  # the start page's section
    # The staff page belongs to "Organisation" in the menu (eight entries at most).
    menu = listed(as_personal.get(LIST))
    assert 'href="/organisation/" aria-current="page"' in menu


# --- What the training admin keeps in the Django admin, without auth permissions


def test_training_admin_finds_the_django_admin_closed(as_personal):
    """Units, rules, exemptions and people are on Lotse's pages under /organisation/;
    Django's admin sends the training admin to its login page."""
    for path in (
        "/admin/",
        "/admin/lms/orgunit/",
        "/admin/lms/assignmentrule/add/",
        "/admin/lms/staffprofile/",
        "/admin/auth/user/",
    ):
        response = as_personal.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/admin/login/"), path


def test_giving_the_training_admin_role_gives_no_admin_access(personal, erika, client):
    """Training admins work on Lotse's pages; /admin/ stays with Administration."""
    client.force_login(personal)
    client.post(edit_url(erika), form_data(erika, roles=[roles.TRAINING_ADMIN]))
    erika.refresh_from_db()
    assert roles.GROUP_NAMES[roles.TRAINING_ADMIN] in erika.groups.values_list(
        "name", flat=True
    )
    assert not erika.is_staff
