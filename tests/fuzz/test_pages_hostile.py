"""The hostile list against the pages that take input: the login, the staff import,
a quiz on a lesson page, a sandbox task form and the catalogue search.

No answer is a 5xx; whatever is refused is refused with a German message, and
nothing of it is stored.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from courses.models import LessonPage
from demo.accounts import EMPLOYEE_USERNAME, TRAINING_ADMIN_USERNAME
from lms.models import QuizAttempt, StaffProfile
from sandbox.models import SandboxRun
from tests.fuzz import hostile

pytestmark = pytest.mark.django_db

# Form values as a browser sends them: text only.
FORM_VALUES = {
    "nul": "a\x00b",
    "megabyte": hostile.MEGABYTE,
    "five-thousand-digits": hostile.FIVE_THOUSAND_DIGITS,
    "huge-number": "1e999",
    "not-a-number": "nan",
    "negative-infinity": "-inf",
    "markup": '<div style="width:expression(1)">',
    "fts-syntax": 'NEAR(a b) OR title:"x" * ^',
    "sql": "'; DROP TABLE auth_user; --",
    "empty": "",
    "blank": "   ",
}
# Bytes no browser sends as UTF-8: an encoded lone surrogate, a stray byte.
RAW_FORM_VALUES = ["%ED%A0%80", "%FF%FE", "%00"]
GERMAN = ("Bitte", "nicht", "Anfrage", "Zeile", "Eingaben", "falsch", "Feld", "Kurse")
ENGLISH = ("Bad Request", "Server Error", "Forbidden", "This field", "Ensure this")


def client_of(username: str | None) -> Client:
    client = Client()
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    return client


def assert_german_answer(response, *expected_status: int) -> str:
    assert response.status_code < 500, response.request
    if expected_status:
        assert response.status_code in expected_status, response.request
    html = response.content.decode()
    if response.status_code >= 400 or response.status_code == 200:
        assert 'lang="de"' in html
        assert any(word in html for word in GERMAN), html[:2000]
        assert not any(word in html for word in ENGLISH), html[:2000]
    return html


def post_raw(client, url: str, body: str, **extra):
    return client.post(
        url, body, content_type="application/x-www-form-urlencoded", **extra
    )


def test_login_form(town):
    client = client_of(None)
    url = reverse("login")
    for value in FORM_VALUES.values():
        for fields in (
            {"username": value, "password": "x"},
            {"username": "erika", "password": value},
        ):
            axes_reset()
            response = client.post(url, fields)
            assert_german_answer(response, 200, 400)
    for raw in RAW_FORM_VALUES:
        axes_reset()
        response = post_raw(client, url, f"username={raw}&password={raw}")
        assert_german_answer(response, 200, 400)


@pytest.mark.parametrize(
    "column",
    [
        "personalnummer",
        "vorname",
        "nachname",
        "email",
        "einheit",
        "benutzername",
        "funktion",
        "rollen",
    ],
)
def test_staff_import_refuses_hostile_rows_by_line(
    town, column, celery_eager, django_capture_on_commit_callbacks
):
    client = client_of(TRAINING_ADMIN_USERNAME)

    def import_page(raw: bytes) -> str:
        """Upload a file, run its job, and return the job's page."""
        upload = SimpleUploadedFile("personal.csv", raw, content_type="text/csv")
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("staff_import"), {"file": upload})
        assert response.status_code == 302, response.content[:500]
        return assert_german_answer(client.get(response["Location"]), 200)

    header = (
        "personalnummer;vorname;nachname;email;einheit;benutzername;funktion;rollen"
    )
    good = {
        "personalnummer": "X-9001",
        "vorname": "Fritz",
        "nachname": "Fuzz",
        "email": "fritz.fuzz@musterstadt.example",
        "einheit": "it",
        "benutzername": "fritz.fuzz",
        "funktion": "Sachbearbeitung",
        "rollen": "",
    }
    hostile_values = {
        **FORM_VALUES,
        "long-name": "x" * 300,
        "odd-username": "fritz fuzz!",
        "long-local-part": "a" * 200 + "@musterstadt.example",
        "semicolon": "a;b",
        "quote": '"',
    }
    for name, value in hostile_values.items():
        row = ";".join(value if key == column else good[key] for key in good)
        people = StaffProfile.objects.count()
        html = import_page(f"{header}\n{row}\n".encode())
        # Refused with the line's number, or saved (the value is harmless).
        assert "Zeile" in html or "Import gespeichert" in html, (column, name)
        # (A saved import lists its lines too, so the refusal is told by its text.)
        if "Import gespeichert" not in html:
            assert StaffProfile.objects.count() == people
    surrogate = header.encode() + b"\nX-9002;Fritz;\xed\xa0\x80;f@x.example;it;;;\n"
    assert "nicht UTF-8-kodiert" in import_page(surrogate)
    assert not StaffProfile.objects.filter(personnel_number="X-9002").exists()


def test_quiz_form_on_a_lesson_page(town):
    ids = town["employee"].ids
    client = client_of(EMPLOYEE_USERNAME)
    url = reverse(
        "learning:quiz_submit",
        kwargs={"lesson_id": ids["page_id"], "block_id": ids["block_id"]},
    )
    for qid in ids["questions"]:
        for value in FORM_VALUES.values():
            response = client.post(url, {f"q-{qid}": value, f"q-{qid}-0": value})
            assert_german_answer(response, 302, 400)
        for raw in RAW_FORM_VALUES:
            response = post_raw(client, url, f"q-{quote(qid)}={raw}")
            assert_german_answer(response, 302, 400)
        many = "&".join([f"q-{quote(qid)}=0"] * 2_000)
        assert_german_answer(post_raw(client, url, many), 302, 400)
    for attempt in QuizAttempt.objects.filter(lesson_id=ids["page_id"]):
        assert all(len(str(value)) <= 100 for value in attempt.answers.values())
    lesson = LessonPage.objects.get(pk=ids["page_id"])
    assert_german_answer(client.get(lesson.url), 200)


def test_sandbox_task_form(town):
    ids = town["employee"].ids
    client = client_of(EMPLOYEE_USERNAME)
    submit = reverse("sandbox:run_submit", kwargs={"run_id": ids["run_id"]})
    detail = reverse("sandbox:run_detail", kwargs={"run_id": ids["run_id"]})
    for field in ids["task_fields"]:
        for value in FORM_VALUES.values():
            response = client.post(
                submit, {"task": ids["task_id"], f"field_{field}": value}
            )
            assert_german_answer(response, 302, 400)
            assert_german_answer(client.get(detail), 200)
            # As sandbox/steps.js posts it: answered with the run page.
            response = client.post(
                submit,
                {"task": ids["task_id"], f"field_{field}": value},
                HTTP_X_LOTSE_STEP="1",
            )
            assert_german_answer(response, 200, 400)
        for raw in RAW_FORM_VALUES:
            body = f"task={ids['task_id']}&field_{field}={raw}"
            assert_german_answer(post_raw(client, submit, body), 302, 400)
            assert_german_answer(client.get(detail), 200)
            in_place = post_raw(client, submit, body, HTTP_X_LOTSE_STEP="1")
            assert_german_answer(in_place, 200, 400)
    stored = json.dumps(SandboxRun.objects.get(pk=ids["run_id"]).steps)
    assert "x" * 2_001 not in stored and "\\u0000" not in stored


def test_sandbox_run_start_form(town):
    client = client_of(EMPLOYEE_USERNAME)
    url = reverse("sandbox:run_start", kwargs={"process_id": "hund_anmelden"})
    for value in FORM_VALUES.values():
        for field in ("case", "mode", "lanes", "back"):
            fields = {"case": "labrador", "mode": "practice", field: value}
            assert_german_answer(client.post(url, fields), 302, 400)


@pytest.mark.parametrize("name", [*FORM_VALUES, *RAW_FORM_VALUES])
def test_catalogue_search(town, name):
    client = client_of(EMPLOYEE_USERNAME)
    if name in FORM_VALUES:
        response = client.get("/kurse/", {"q": FORM_VALUES[name]})
    else:
        response = client.get(f"/kurse/?q={name}&initiative={name}")
    assert_german_answer(response, 200, 400)
