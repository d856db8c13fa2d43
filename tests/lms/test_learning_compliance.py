"""Compliance view and CSV (records only), personal export, HTML views, query counts."""

import csv
import datetime as dt
import io
import json

import pytest
from django.test import Client
from django.urls import reverse

from lms import roles
from lms.models import AssignmentRule, Notification
from lms.services.quizzes import quiz_attempt_submit
from lms.services.rules import rules_apply
from tests.support.factories import OrgUnitFactory
from tests.support.learning import (
    Q_SINGLE,
    QUIZ_BLOCK,
)

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def town(catalogue, make_person):
    roles.sync_groups()
    stadt = OrgUnitFactory(code="stadt", name="Stadt")
    ordnung = OrgUnitFactory(code="ordnungsamt", name="Ordnungsamt", parent=stadt)
    finanzen = OrgUnitFactory(code="finanzen", name="Finanzen", parent=stadt)
    people = {
        "head": make_person(
            unit=ordnung, heads=[ordnung], first_name="Olaf", last_name="Ordnung"
        ),
        "done": make_person(unit=ordnung, first_name="Doris", last_name="Done"),
        "late": make_person(unit=ordnung, first_name="Lutz", last_name="Late"),
        "other": make_person(unit=finanzen, first_name="Fritz", last_name="Finanz"),
        "admin": make_person(unit=stadt, role_names={"training_admin"}),
        "employee": make_person(unit=finanzen),
    }
    AssignmentRule.objects.create(course_id=catalogue.datenschutz.id, due_days=14)
    rules_apply(now=NOW - dt.timedelta(days=30))
    catalogue.complete_datenschutz(people["done"], now=NOW)
    quiz_attempt_submit(
        user=people["late"],
        lesson_id=catalogue.quiz_lesson.id,
        block_id=QUIZ_BLOCK,
        answers={Q_SINGLE: "1"},
        now=NOW,
    )
    return people


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_compliance_view_permissions(town):
    url = reverse("learning:compliance")
    assert client_for(town["employee"]).get(url).status_code == 403
    assert client_for(town["head"]).get(url).status_code == 200
    assert client_for(town["admin"]).get(url).status_code == 200
    assert Client().get(url).status_code == 302


def test_head_sees_own_subtree_only_and_no_scores(town):
    html = client_for(town["head"]).get(reverse("learning:compliance")).content.decode()
    assert "Doris Done" in html and "Lutz Late" in html
    assert "Fritz Finanz" not in html
    main = html.split("<main", 1)[1]
    # Shares of people done are compliance figures; no quiz result is shown.
    assert "Punkte" not in main and "Quiz" not in main and "bestanden" not in main
    admin_html = (
        client_for(town["admin"]).get(reverse("learning:compliance")).content.decode()
    )
    assert "Fritz Finanz" in admin_html


def test_compliance_csv_for_german_excel(catalogue, town):
    response = client_for(town["admin"]).get(
        reverse("learning:compliance_csv"), {"kurs": catalogue.datenschutz.id}
    )
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Name", "Organisationseinheit", "Kurs", "Status"]
    by_name = {row[0]: row for row in rows[1:] if row}
    assert by_name["Doris Done"][3] == "erfüllt"
    assert by_name["Lutz Late"][3] == "überfällig"
    assert by_name["Doris Done"][6] == "02.03.2027"
    # One clean table: every line has the header's columns, no summary under it.
    assert all(len(row) == len(rows[0]) for row in rows)
    assert len(rows) == 1 + len(by_name)
    text = raw.decode("utf-8-sig")
    assert "100" not in text  # no quiz score leaks


def test_compliance_csv_forbidden_for_employees(town):
    response = client_for(town["employee"]).get(reverse("learning:compliance_csv"))
    assert response.status_code == 403


def test_compliance_page_constant_queries(
    town, make_person, django_assert_max_num_queries
):
    client = client_for(town["admin"])
    client.get(reverse("learning:compliance"))  # warm caches
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("learning:compliance"))
    for _ in range(15):
        make_person(unit=OrgUnitFactory())
    rules_apply(now=NOW)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("learning:compliance"))


def test_personal_export_contains_every_kind_of_record(
    catalogue, town, django_capture_on_commit_callbacks
):
    from lms.services.reminders import reminders_send_due

    person = town["late"]
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send_due(now=NOW)
    catalogue.complete_datenschutz(person, now=NOW + dt.timedelta(days=1))
    response = client_for(person).get(reverse("learning:my_data_json"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    for key in [
        "profile",
        "enrolments",
        "progress",
        "acknowledgements",
        "quiz_attempts",
        "certificates",
        "notifications",
        "learning_events",
    ]:
        assert data[key], key
    assert data["profile"]["last_name"] == "Late"
    assert {a["passed"] for a in data["quiz_attempts"]} == {False, True}
    assert Notification.objects.filter(recipient=person).count() == len(
        data["notifications"]
    )


def test_my_data_page_is_a_readable_overview_beside_the_download(catalogue, town):
    from lms.selectors.export import EXPORT_KEYS

    person = town["late"]
    catalogue.complete_datenschutz(person, now=NOW + dt.timedelta(days=1))
    client = client_for(person)
    page = client.get(reverse("learning:my_data")).content.decode()
    data = json.loads(client.get(reverse("learning:my_data_json")).content)
    assert "<h1>Meine Daten</h1>" in page
    assert reverse("learning:my_data_json") in page
    assert "Datenschutz im digitalen Verfahren" in page  # course titles, not ids
    assert data["certificates"][0]["code"] in page
    assert "Quizversuche (nur Sie sehen sie)" in page
    # Every key of the download is on the page, documented.
    assert set(EXPORT_KEYS) == set(data)
    for key in data:
        assert f"<code>{key}</code>" in page


def test_start_page_and_my_training_constant_queries(
    catalogue, town, make_person, django_assert_max_num_queries
):
    from lms.person_generation import person_changed
    from lms.services.enrolments import enrolment_create

    person = town["late"]
    client = client_for(person)
    home = client.get(reverse("home")).content.decode()
    assert "Datenschutz im digitalen Verfahren" in home
    assert "überfällig" in home
    client.get(reverse("learning:my_training"))  # warm the offered courses' outlines
    # Measured as rendered, not from the person's cached fragments (lms/fragments.py).
    person_changed(person.pk)
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("home"))
        client.get(reverse("learning:my_training"))
    for _ in range(10):
        catalogue.complete_datenschutz(make_person(unit=OrgUnitFactory()), now=NOW)
    enrolment_create(user=person, course_id=catalogue.optional.id, now=NOW)
    person_changed(person.pk)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("home"))
        client.get(reverse("learning:my_training"))


def test_empty_states_say_what_to_do(catalogue, make_person):
    roles.sync_groups()
    client = client_for(make_person())
    assert "Kursangebot" in client.get(reverse("learning:my_training")).content.decode()
    certificates = client.get(reverse("learning:certificates")).content.decode()
    assert "Schließen Sie einen Kurs" in certificates
    notifications = client.get(reverse("learning:notifications")).content.decode()
    assert "erinnern wir Sie" in notifications


def test_certificate_pdf_is_only_for_its_holder(town):
    from lms.models import Certificate

    certificate = Certificate.objects.get(user=town["done"])
    url = reverse("learning:certificate_pdf", kwargs={"code": certificate.code})
    own = client_for(town["done"]).get(url)
    assert own.status_code == 200 and own["Content-Type"] == "application/pdf"
    assert client_for(town["late"]).get(url).status_code == 404
    assert client_for(town["admin"]).get(url).status_code == 404


def test_compliance_csv_never_carries_a_formula(catalogue, town, make_person):
    ordnung = town["done"].staff.org_unit
    make_person(unit=ordnung, first_name="=HYPERLINK(1)", last_name="Böse")
    rules_apply(now=NOW)
    response = client_for(town["admin"]).get(
        reverse("learning:compliance_csv"), {"kurs": catalogue.datenschutz.id}
    )
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    names = [row[0] for row in rows[1:] if row]
    assert "'=HYPERLINK(1) Böse" in names
    assert not any(name.startswith(("=", "+", "-", "@")) for name in names)
