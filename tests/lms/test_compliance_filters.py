"""Compliance for many people: filters, search, sorting, shares, exports, reminders."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lms import roles
from lms.models import AssignmentRule, Notification
from lms.services.reminders import reminders_send_due, reminders_send_overdue
from lms.services.rules import rules_apply
from tests.support.factories import OrgUnitFactory

NOW = timezone.now()
ASSIGNED = NOW - dt.timedelta(days=30)  # due 16 days ago: overdue


@pytest.fixture
def town(catalogue, make_person):
    roles.sync_groups()
    stadt = OrgUnitFactory(code="stadt", name="Stadt")
    ordnung = OrgUnitFactory(code="ordnungsamt", name="Ordnungsamt", parent=stadt)
    hunde = OrgUnitFactory(code="hundewesen", name="Hundewesen", parent=ordnung)
    finanzen = OrgUnitFactory(code="finanzen", name="Finanzen", parent=stadt)
    people = {
        "head": make_person(
            unit=ordnung, heads=[ordnung], first_name="Olaf", last_name="Ordnung"
        ),
        "done": make_person(unit=ordnung, first_name="Doris", last_name="Done"),
        "late": make_person(
            unit=hunde, first_name="Lutz", last_name="Late", email="lutz@example.org"
        ),
        "later": make_person(
            unit=ordnung, first_name="Anna", last_name="Ahrens", email="a@example.org"
        ),
        "other": make_person(
            unit=finanzen, first_name="Fritz", last_name="Finanz", email="f@ex.org"
        ),
        "admin": make_person(unit=stadt, role_names={"training_admin"}),
        "employee": make_person(unit=finanzen),
    }
    AssignmentRule.objects.create(course_id=catalogue.datenschutz.id, due_days=14)
    # A course only the Finanzen must do: not the Ordnungsamt head's business.
    AssignmentRule.objects.create(
        course_id=catalogue.hund.id, org_unit=finanzen, due_days=14
    )
    rules_apply(now=ASSIGNED)
    catalogue.complete_datenschutz(people["done"], now=NOW)
    return people


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def page(user, **params):
    response = client_for(user).get(reverse("learning:compliance"), params)
    assert response.status_code == 200
    return response


def names(response):
    return [row.user.get_full_name() for row, _status in response.context["rows"]]


def test_filters_by_status_unit_and_name(catalogue, town):
    admin, course = town["admin"], catalogue.datenschutz.id
    everyone = names(page(admin, kurs=course))
    assert len(everyone) == 7
    assert names(page(admin, kurs=course, status="erfuellt")) == ["Doris Done"]
    overdue = names(page(admin, kurs=course, status="ueberfaellig"))
    assert "Lutz Late" in overdue and "Doris Done" not in overdue
    assert names(page(admin, kurs=course, status="offen")) == []
    # A unit means the unit and everything below it.
    assert set(names(page(admin, kurs=course, einheit="ordnungsamt"))) == {
        "Olaf Ordnung",
        "Doris Done",
        "Lutz Late",
        "Anna Ahrens",
    }
    assert names(page(admin, kurs=course, einheit="hundewesen")) == ["Lutz Late"]
    assert names(page(admin, kurs=course, q="lutz")) == ["Lutz Late"]
    assert names(page(admin, kurs=course, q="late lutz")) == ["Lutz Late"]
    nobody = page(admin, kurs=course, q="Niemand")
    assert "Niemand passt zu diesem Filter." in nobody.content.decode()


def test_sortable_columns(catalogue, town):
    admin, course = town["admin"], catalogue.datenschutz.id
    by_name = names(page(admin, kurs=course))
    assert by_name == sorted(by_name, key=lambda n: n.split()[-1])
    assert names(page(admin, kurs=course, sortierung="-name")) == by_name[::-1]
    by_status = names(page(admin, kurs=course, sortierung="status"))
    assert by_status[-1] == "Doris Done"  # overdue first, done last
    by_unit = page(admin, kurs=course, sortierung="einheit")
    units = [r.user.staff.org_unit.name for r, _s in by_unit.context["rows"]]
    assert units == sorted(units)
    html = by_unit.content.decode()
    assert 'aria-sort="ascending"' in html and "sortierung=-einheit" in html
    # Nonsense falls back to the name.
    assert names(page(admin, kurs=course, sortierung="passwort")) == by_name


def test_share_done_per_course_on_the_page(catalogue, town):
    response = page(town["admin"], kurs=catalogue.datenschutz.id)
    overview = {o.id: counts for o, counts, _link in response.context["overview"]}
    assert overview[catalogue.datenschutz.id]["percent"] == round(100 / 7)
    assert f"{round(100 / 7)} %" in response.content.decode()


def test_head_sees_only_courses_and_units_of_their_own(catalogue, town):
    response = page(town["head"])
    titles = [o.info.title for o in response.context["outlines"]]
    assert titles == [catalogue.datenschutz.title]
    units = {u.code for u in response.context["units"]}
    assert units == {"ordnungsamt", "hundewesen"}
    # Asking for a unit outside their scope shows nothing more.
    outside = page(town["head"], einheit="finanzen")
    assert "Fritz Finanz" not in names(outside)
    assert outside.context["filter"].unit_code == ""
    admin_titles = [o.info.title for o in page(town["admin"]).context["outlines"]]
    assert catalogue.hund.title in admin_titles


def test_csv_follows_the_filter(catalogue, town):
    response = client_for(town["admin"]).get(
        reverse("learning:compliance_csv"),
        {"kurs": catalogue.datenschutz.id, "status": "ueberfaellig", "q": "late"},
    )
    lines = response.content.decode("utf-8-sig").strip().split("\r\n")
    assert len(lines) == 2 and lines[1].startswith("Lutz Late;Hundewesen;")


def test_xlsx_has_the_people_and_a_summary_sheet(catalogue, town):
    response = client_for(town["admin"]).get(
        reverse("learning:compliance_xlsx"), {"kurs": catalogue.datenschutz.id}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Nachweise", "Übersicht"]
    people = list(workbook["Nachweise"].iter_rows(values_only=True))
    assert people[0][:4] == ("Name", "Organisationseinheit", "Kurs", "Status")
    assert len(people) == 8
    done = next(r for r in people if r[0] == "Doris Done")
    assert done[3] == "erfüllt" and isinstance(done[6], dt.datetime)
    summary = list(workbook["Übersicht"].iter_rows(values_only=True))
    assert summary[0][0] == "Pflichtschulung"
    row = next(r for r in summary if r[0] == catalogue.datenschutz.title)
    assert row[1:6] == (7, 1, 0, 6, round(100 / 7))


def test_exports_and_reminders_are_refused_to_employees(town):
    client = client_for(town["employee"])
    for name in ("compliance_xlsx", "compliance_csv", "compliance_remind"):
        assert client.get(reverse(f"learning:{name}")).status_code == 403
    assert client.post(reverse("learning:compliance_remind")).status_code == 403


def test_reminders_need_a_confirmation_and_reach_the_filtered_overdue_people(
    catalogue, town, django_capture_on_commit_callbacks
):
    client = client_for(town["admin"])
    url = reverse("learning:compliance_remind")
    params = {"kurs": catalogue.datenschutz.id, "einheit": "ordnungsamt"}
    confirm = client.get(url, params)
    html = confirm.content.decode()
    assert "Lutz Late" in html and "Anna Ahrens" in html and "Fritz Finanz" not in html
    assert "Ja, 3 Erinnerungen senden" in html  # Olaf, Lutz, Anna
    assert Notification.objects.count() == 0  # asking changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, params, follow=True)
    assert "3 Erinnerungen sind verschickt." in done.content.decode()
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(
        [town["late"].email, town["later"].email, town["head"].email]
    )
    assert "/lernen/" in mail.outbox[0].body

    # Pressed again the same day: nobody gets a second one.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url, params, follow=True)
    assert "0 Erinnerungen sind verschickt." in again.content.decode()
    assert "3 Personen wurden heute schon erinnert" in again.content.decode()
    assert len(mail.outbox) == 3


def test_manual_reminder_at_most_once_a_day_per_person(
    catalogue, town, django_capture_on_commit_callbacks
):
    late = town["late"].enrolments.get(course_id=catalogue.datenschutz.id)
    with django_capture_on_commit_callbacks(execute=True):
        # The scheduled run reminded everyone overdue this morning ...
        reminders_send_due(now=NOW)
    scheduled = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        # ... so a reminder by hand the same day sends nothing more,
        assert reminders_send_overdue(enrolment_ids=[late.pk], now=NOW).sent == 0
        # but the next day it does, once.
        tomorrow = NOW + dt.timedelta(days=1)
        assert reminders_send_overdue(enrolment_ids=[late.pk], now=tomorrow).sent == 1
        assert reminders_send_overdue(enrolment_ids=[late.pk], now=tomorrow).sent == 0
    assert len(mail.outbox) == scheduled + 1
    # Someone who is done is never reminded.
    done = town["done"].enrolments.get(course_id=catalogue.datenschutz.id)
    assert reminders_send_overdue(enrolment_ids=[done.pk], now=tomorrow).sent == 0
