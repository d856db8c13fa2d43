"""Assignment rules and exemptions on Lotse's pages: preview, save, what happened."""

import pytest
from django.test import Client
from django.urls import reverse

from lms import roles
from lms.models import AssignmentRule, Enrolment, Exemption
from tests.support.factories import OrgUnitFactory


@pytest.fixture
def town(catalogue, make_person):
    roles.sync_groups()
    stadt = OrgUnitFactory(code="stadt", name="Stadt")
    ordnung = OrgUnitFactory(code="ordnungsamt", name="Ordnungsamt", parent=stadt)
    hunde = OrgUnitFactory(code="hundewesen", name="Hundewesen", parent=ordnung)
    finanzen = OrgUnitFactory(code="finanzen", name="Finanzen", parent=stadt)
    people = {
        "admin": make_person(unit=stadt, role_names={"training_admin"}),
        "a": make_person(unit=ordnung, first_name="Anna", last_name="Amt"),
        "b": make_person(unit=hunde, first_name="Bert", last_name="Bello"),
        "c": make_person(unit=finanzen, first_name="Carl", last_name="Cent"),
        "employee": make_person(unit=finanzen),
    }
    people["units"] = {"ordnung": ordnung, "finanzen": finanzen, "stadt": stadt}
    return people


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def rule_data(catalogue, unit, **extra):
    data = {
        "course_id": catalogue.datenschutz.id,
        "org_unit": unit.pk if unit else "",
        "role": "",
        "job_title": "",
        "due_days": 30,
        "recertify_months": "",
        "starts_on": "",
        "is_active": "on",
    }
    data.update(extra)
    return data


def mandatory(course_id):
    return set(
        Enrolment.objects.filter(
            course_id=course_id, is_current=True, withdrawn_at__isnull=True
        ).values_list("user__last_name", flat=True)
    )


def test_create_shows_a_preview_first_then_saves_and_says_what_happened(
    catalogue, town
):
    client = client_for(town["admin"])
    url = reverse("rules:create")
    assert client.get(url).status_code == 200
    data = rule_data(catalogue, town["units"]["ordnung"])
    preview = client.post(url, {**data, "aktion": "vorschau"})
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Die Regel erfasst 2 Personen." in html
    assert "Beim Speichern werden 2 Personen neu eingeschrieben." in html
    assert "Regel speichern" in html
    assert not AssignmentRule.objects.exists()  # the preview saves nothing

    saved = client.post(url, {**data, "aktion": "speichern"}, follow=True)
    assert "Die Regel ist angelegt: 2 Personen neu eingeschrieben" in (
        saved.content.decode()
    )
    assert mandatory(catalogue.datenschutz.id) == {"Amt", "Bello"}
    # The list names the course by its title, the unit by its name.
    listed = client.get(reverse("rules:list")).content.decode()
    assert catalogue.datenschutz.title in listed and "Ordnungsamt" in listed


def test_rule_for_everyone_reads_alle_einheiten(catalogue, town):
    AssignmentRule.objects.create(course_id=catalogue.datenschutz.id, due_days=30)
    html = client_for(town["admin"]).get(reverse("rules:list")).content.decode()
    assert "alle Einheiten" in html and "alle Rollen" in html
    assert "<td>-</td>" not in html


def test_preview_counts_only_people_not_enrolled_yet(catalogue, town):
    client = client_for(town["admin"])
    client.post(
        reverse("rules:create"),
        {**rule_data(catalogue, town["units"]["ordnung"]), "aktion": "speichern"},
    )
    preview = client.post(
        reverse("rules:create"),
        {**rule_data(catalogue, None, due_days=60), "aktion": "vorschau"},
    ).content.decode()
    assert "Die Regel erfasst 5 Personen." in preview
    assert "Beim Speichern werden 3 Personen neu eingeschrieben." in preview


def test_edit_and_deactivate_report_withdrawn_enrolments(catalogue, town):
    client = client_for(town["admin"])
    client.post(
        reverse("rules:create"),
        {**rule_data(catalogue, town["units"]["ordnung"]), "aktion": "speichern"},
    )
    rule = AssignmentRule.objects.get()
    edited = client.post(
        reverse("rules:edit", kwargs={"rule_id": rule.pk}),
        {**rule_data(catalogue, town["units"]["finanzen"]), "aktion": "speichern"},
        follow=True,
    ).content.decode()
    assert "Die Regel ist geändert: 2 Personen neu eingeschrieben" in edited
    assert "2 offene Einschreibungen nicht mehr verpflichtend" in edited
    assert mandatory(catalogue.datenschutz.id) == {"Cent", town["employee"].last_name}

    url = reverse("rules:deactivate", kwargs={"rule_id": rule.pk})
    confirm = client.get(url).content.decode()
    assert "erfasst 2 Personen" in confirm
    rule.refresh_from_db()
    assert rule.is_active  # asking changes nothing
    done = client.post(url, follow=True).content.decode()
    assert "Die Regel ist deaktiviert: 0 Personen neu eingeschrieben" in done
    rule.refresh_from_db()
    assert not rule.is_active
    assert mandatory(catalogue.datenschutz.id) == set()


def test_bad_input_gives_german_errors_and_saves_nothing(catalogue, town):
    client = client_for(town["admin"])
    response = client.post(
        reverse("rules:create"),
        {
            **rule_data(catalogue, None, course_id="", due_days="viele"),
            "aktion": "speichern",
        },
    )
    html = response.content.decode()
    assert "Bitte wählen Sie einen Kurs." in html
    assert "Bitte eine ganze Zahl eingeben." in html
    assert not AssignmentRule.objects.exists()


def test_exemption_create_and_lift(catalogue, town):
    AssignmentRule.objects.create(course_id=catalogue.datenschutz.id, due_days=30)
    client = client_for(town["admin"])
    client.post(
        reverse("rules:create"),
        {**rule_data(catalogue, None), "aktion": "speichern"},
    )
    assert "Bello" in mandatory(catalogue.datenschutz.id)
    missing = client.post(reverse("rules:exemption_create"), {}).content.decode()
    assert "Bitte wählen Sie eine Person." in missing
    assert "Bitte geben Sie eine Begründung an." in missing
    done = client.post(
        reverse("rules:exemption_create"),
        {
            "user": town["b"].pk,
            "course_id": catalogue.datenschutz.id,
            "reason": "Beim Land geschult",
        },
        follow=True,
    ).content.decode()
    assert "Bert Bello ist von dieser Pflichtschulung befreit." in done
    assert "Bello" not in mandatory(catalogue.datenschutz.id)
    exemption = Exemption.objects.get()
    lift = reverse("rules:exemption_delete", kwargs={"exemption_id": exemption.pk})
    assert "Bert Bello" in client.get(lift).content.decode()
    client.post(lift)
    assert not Exemption.objects.exists()
    assert "Bello" in mandatory(catalogue.datenschutz.id)


def test_django_admin_rules_are_for_administrators_only(catalogue, town):
    client = client_for(town["admin"])
    for name in ("admin:lms_assignmentrule_changelist", "admin:lms_exemption_add"):
        response = client.get(reverse(name))
        assert response.status_code == 302  # the admin's login: not for them
        assert response["Location"].startswith(reverse("admin:login"))
    assert client_for(town["employee"]).get(reverse("rules:list")).status_code == 403


def test_org_units_open_a_list_of_their_people(catalogue, town):
    client = client_for(town["admin"])
    html = client.get(reverse("org_overview")).content.decode()
    link = reverse("staff:list") + "?einheit=ordnungsamt"
    assert f'href="{link}"' in html
    people = client.get(link).content.decode()
    assert "Amt, Anna" in people and "Bello, Bert" in people
    assert "Cent" not in people


def test_hostile_rule_input_never_crashes_or_saves(catalogue, town):
    client = client_for(town["admin"])
    for value in ("9" * 30, "-1", "1e999", "'; DROP TABLE x; --", "<b>"):
        response = client.post(
            reverse("rules:create"),
            {
                **rule_data(catalogue, None, due_days=value, recertify_months=value),
                "aktion": "speichern",
            },
        )
        assert response.status_code == 200, value
        assert "form-field__error" in response.content.decode(), value
    for bad in ({"kurs": "x", "einheit": "<b>", "status": "?", "sortierung": "-"},):
        assert client.get(reverse("learning:compliance"), bad).status_code == 200
    assert not AssignmentRule.objects.exists()
