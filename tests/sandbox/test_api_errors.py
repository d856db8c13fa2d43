"""Every error of the sandbox API has one shape: a German sentence in ``detail``
and an object (never a list or null) in ``errors``."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from sandbox import selectors, services
from tests.support.sandbox import make_zip, package_members

pytestmark = pytest.mark.django_db

BASE = "/api/v1/sandbox/"


def assert_error(response, status: int, detail: str, errors: dict | None = None):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert body["detail"] == detail
    assert isinstance(body["errors"], dict)
    if errors is not None:
        assert body["errors"] == errors
    return body["errors"]


@pytest.fixture
def run(employee, demo_packages):
    return services.run_start(
        user=employee, process_id="hund_anmelden", case_id="labrador", mode="practice"
    )


def first_task(run) -> str:
    return selectors.run_view(run=run)["ready_tasks"][0]["id"]


def test_anonymous_requests_are_401_with_an_empty_errors_object():
    response = APIClient().get(f"{BASE}processes/")
    assert_error(response, 401, "Anmeldedaten fehlen.", {})


def test_an_employee_may_not_upload(api):
    response = api.post(f"{BASE}packages/", {}, format="multipart")
    assert_error(response, 403, "Sie dürfen keine Prozesspakete hochladen.", {})


def test_upload_without_a_file_names_the_field(trainer_api):
    response = trainer_api.post(f"{BASE}packages/", {}, format="multipart")
    assert_error(
        response,
        400,
        "Das Paket wurde nicht importiert.",
        {"file": ["Bitte wählen Sie eine ZIP-Datei aus (Feld „file“)."]},
    )


def test_upload_of_a_broken_package_lists_every_problem_under_package(trainer_api):
    members = package_members("hund_anmelden")
    members.pop("sandbox.json")
    members["liesmich.txt"] = b"x"
    upload = SimpleUploadedFile("paket.zip", make_zip(members))
    response = trainer_api.post(
        f"{BASE}packages/", {"file": upload}, format="multipart"
    )
    assert_error(
        response,
        400,
        "Das Paket wurde nicht importiert.",
        {
            "package": [
                "Unerwartete Datei „liesmich.txt“ im Paket (erlaubt: process.bpmn, "
                "decisions.dmn, sandbox.json).",
                "Die Datei „sandbox.json“ fehlt im Paket.",
            ]
        },
    )


def test_start_with_an_unknown_mode_is_a_field_error(api, demo_packages):
    response = api.post(
        f"{BASE}runs/",
        {"process": "hund_anmelden", "case": "labrador", "mode": "spiel"},
        format="json",
    )
    errors = assert_error(response, 400, "Der Durchlauf wurde nicht gestartet.")
    assert set(errors) == {"mode"}


def test_start_of_an_unknown_process_case_or_lane_names_each_field(api, demo_packages):
    response = api.post(
        f"{BASE}runs/",
        {"process": "katze_anmelden", "case": "x", "mode": "exam"},
        format="json",
    )
    assert_error(
        response,
        400,
        "Der Durchlauf wurde nicht gestartet.",
        {"process": ["Diesen Übungsprozess gibt es nicht."]},
    )
    response = api.post(
        f"{BASE}runs/",
        {"process": "hund_anmelden", "case": "katze", "mode": "exam", "lanes": ["Zoo"]},
        format="json",
    )
    assert_error(
        response,
        400,
        "Der Durchlauf wurde nicht gestartet.",
        {
            "case": ["Diesen Fall gibt es in diesem Prozess nicht."],
            "lanes": ["Die Bahn „Zoo“ gibt es in diesem Prozess nicht."],
        },
    )


def test_submit_without_data_and_with_a_step_that_is_not_ready(api, run):
    url = f"{BASE}runs/{run.pk}/tasks/{first_task(run)}/submit/"
    errors = assert_error(
        api.post(url, {}, format="json"), 400, "Die Eingaben sind unvollständig."
    )
    assert set(errors) == {"data"}
    response = api.post(
        f"{BASE}runs/{run.pk}/tasks/Task_Bescheid/submit/",
        {"data": {"jahresbetrag": 90}},
        format="json",
    )
    assert_error(
        response,
        400,
        "Bitte prüfen Sie Ihre Eingaben.",
        {"non_field_errors": "Dieser Schritt ist gerade nicht an der Reihe."},
    )


def test_hint_without_a_step_and_for_a_step_that_is_not_ready(api, run):
    url = f"{BASE}runs/{run.pk}/hint/"
    errors = assert_error(
        api.post(url, {}, format="json"), 400, "Bitte nennen Sie den Schritt."
    )
    assert set(errors) == {"task"}
    assert_error(
        api.post(url, {"task": "Task_Bescheid"}, format="json"),
        400,
        "Es gibt keinen Hinweis.",
        {"task": ["Dieser Schritt ist gerade nicht an der Reihe."]},
    )


def test_hint_in_the_exam_is_403(api, employee, demo_packages):
    exam = services.run_start(
        user=employee, process_id="hund_anmelden", case_id="labrador", mode="exam"
    )
    response = api.post(
        f"{BASE}runs/{exam.pk}/hint/", {"task": first_task(exam)}, format="json"
    )
    assert_error(response, 403, "In der Prüfung gibt es keine Hinweise.", {})


def test_repeat_without_a_step_and_outside_practice_mode(api, run, employee):
    assert_error(
        api.post(f"{BASE}runs/{run.pk}/repeat/"),
        400,
        "Der Schritt kann nicht wiederholt werden.",
        {"non_field_errors": ["Es gibt noch keinen Schritt zum Wiederholen."]},
    )
    guided = services.run_start(
        user=employee, process_id="hund_anmelden", case_id="labrador", mode="guided"
    )
    assert_error(
        api.post(f"{BASE}runs/{guided.pk}/repeat/"),
        400,
        "Der Schritt kann nicht wiederholt werden.",
        {"non_field_errors": ["Einen Schritt wiederholen geht nur im Übungsmodus."]},
    )


def test_a_finished_run_cannot_be_reset_or_played_on(api, employee, demo_packages):
    finished = services.run_start(
        user=employee,
        process_id="personalausweis",
        case_id="foto-ungeeignet",
        mode="practice",
    )
    task = first_task(finished)
    finished = services.run_submit_task(
        run=finished,
        task_id=task,
        data={"identitaet_festgestellt": True, "foto_geeignet": False},
    )
    assert not finished.is_active
    errors = assert_error(
        api.post(f"{BASE}runs/{finished.pk}/reset/"),
        400,
        "Der Durchlauf wurde nicht zurückgesetzt.",
    )
    assert set(errors) == {"non_field_errors"}
    assert_error(
        api.post(
            f"{BASE}runs/{finished.pk}/tasks/{task}/submit/",
            {"data": {}},
            format="json",
        ),
        400,
        "Bitte prüfen Sie Ihre Eingaben.",
        {"non_field_errors": "Dieser Durchlauf ist bereits abgeschlossen."},
    )
    assert_error(
        api.post(f"{BASE}runs/{finished.pk}/hint/", {"task": task}, format="json"),
        400,
        "Es gibt keinen Hinweis.",
        {"non_field_errors": ["Dieser Durchlauf ist bereits abgeschlossen."]},
    )


def test_an_unknown_run_is_404_with_a_german_sentence(api, run, colleague):
    assert_error(
        api.get(f"{BASE}runs/{uuid.uuid4()}/"),
        404,
        "Diesen Durchlauf gibt es nicht.",
        {},
    )
    other = APIClient()
    other.force_authenticate(colleague)
    assert_error(
        other.post(f"{BASE}runs/{run.pk}/reset/"),
        404,
        "Diesen Durchlauf gibt es nicht.",
        {},
    )
