import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from demo.sandboxes import DEMO_PACKAGES_DIR
from sandbox.models import ProcessPackage, SandboxRun
from sandbox.packages.archive import zip_folder
from tests.support.sandbox import make_zip, package_members

pytestmark = pytest.mark.django_db

BASE = "/api/v1/sandbox/"
RUN_KEYS = {
    "steps",
    "id",
    "process",
    "version",
    "case",
    "mode",
    "status",
    "preview",
    "ready_tasks",
    "score",
    "passed",
    "end_event",
    "findings",
}


def start(api, **body):
    body = {"process": "hund_anmelden", "case": "labrador", "mode": "practice", **body}
    return api.post(f"{BASE}runs/", body, format="json")


def test_upload_answers_201_with_process_version_title_and_cases(trainer_api):
    upload = SimpleUploadedFile(
        "hund.zip", zip_folder(DEMO_PACKAGES_DIR / "hund_anmelden")
    )
    response = trainer_api.post(
        f"{BASE}packages/", {"file": upload}, format="multipart"
    )
    assert response.status_code == 201
    assert response.json() == {
        "id": ProcessPackage.objects.get().pk,
        "status": "pending_review",  # a trainer's new process waits for review
        "process": "hund_anmelden",
        "version": 1,
        "title": "Hund anmelden",
        "cases": ["labrador", "zweithund", "staffordshire", "pitbull"],
        "notes": [],  # a lotse-sandbox/1 package carries nothing foreign
    }


def test_upload_of_a_broken_package_answers_400_with_all_errors(trainer_api):
    members = package_members("hund_anmelden")
    members.pop("decisions.dmn")
    members["extra.txt"] = b"x"
    upload = SimpleUploadedFile("hund.zip", make_zip(members))
    response = trainer_api.post(
        f"{BASE}packages/", {"file": upload}, format="multipart"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Das Paket wurde nicht importiert."
    assert set(body["errors"]) == {"package"}
    assert any("extra.txt" in e for e in body["errors"]["package"])
    assert not ProcessPackage.objects.exists()


def test_upload_without_a_file_is_400(trainer_api):
    response = trainer_api.post(f"{BASE}packages/", {}, format="multipart")
    assert response.status_code == 400
    assert response.json()["errors"]


def test_employees_may_not_upload_and_anonymous_people_are_401():
    client = APIClient()
    assert client.get(f"{BASE}processes/").status_code == 401
    assert client.post(f"{BASE}packages/").status_code == 401


def test_process_list(api, demo_packages):
    response = api.get(f"{BASE}processes/")
    assert response.status_code == 200
    hund = next(
        p for p in response.json()["results"] if p["process"] == "hund_anmelden"
    )
    assert hund == {
        "process": "hund_anmelden",
        "title": "Hund anmelden",
        "version": 1,
        "lanes": ["Ordnungsamt", "Finanzen"],
        "cases": [
            {"id": "labrador", "title": "Erstanmeldung Labrador"},
            {"id": "zweithund", "title": "Zweiter Hund im Haushalt (Dackel)"},
            {"id": "staffordshire", "title": "Staffordshire Bullterrier mit Erlaubnis"},
            {"id": "pitbull", "title": "Pitbull ohne Sachkundenachweis"},
        ],
    }


def test_a_run_through_the_api_from_start_to_result(api, demo_packages):
    response = start(api)
    assert response.status_code == 201
    run = response.json()
    assert set(run) == RUN_KEYS
    assert (run["status"], run["score"], run["passed"], run["end_event"]) == (
        "active",
        None,
        None,
        None,
    )
    task = run["ready_tasks"][0]
    assert set(task) == {
        "id",
        "element",
        "name",
        "lane",
        "kind",
        "options",
        "form",
        "data",
    }
    assert (task["kind"], task["options"]) == ("form", [])
    assert task["element"] == "Task_Erfassen" and task["lane"] == "Ordnungsamt"
    assert task["form"]["required"] == ["rasse", "anzahl_hunde"]
    assert task["data"]["antrag"]["rasse"] == "Labrador"
    assert "vorfaelle" not in task["data"]["antrag"]

    values = {
        "Task_Erfassen": {"rasse": "Labrador", "anzahl_hunde": 1},
        "Task_Gefahr": {"gefaehrlich": False},
        "Task_Uebergabe": {"steuer_anzahl": 1, "steuer_gefaehrlich": False},
        "Task_Bescheid": {"jahresbetrag": 96, "faelligkeit": "jährlich"},
    }
    while run["ready_tasks"]:
        task = run["ready_tasks"][0]
        response = api.post(
            f"{BASE}runs/{run['id']}/tasks/{task['id']}/submit/",
            {"data": values[task["element"]]},
            format="json",
        )
        assert response.status_code == 200, response.content
        run = response.json()
    assert run["status"] == "finished"
    assert (run["score"], run["passed"], run["end_event"], run["findings"]) == (
        100,
        True,
        "End_Bescheid",
        [],
    )
    assert api.get(f"{BASE}runs/{run['id']}/").json() == run


def test_submit_with_invalid_data_answers_400_field_errors_and_keeps_the_run(
    api, demo_packages
):
    run = start(api).json()
    task = run["ready_tasks"][0]
    response = api.post(
        f"{BASE}runs/{run['id']}/tasks/{task['id']}/submit/",
        {"data": {"rasse": "L", "anzahl_hunde": "zwei"}},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["detail"]
    assert body["errors"] == {
        "rasse": "Bitte geben Sie mindestens 2 Zeichen ein.",
        "anzahl_hunde": "Bitte geben Sie eine ganze Zahl ein.",
    }
    assert api.get(f"{BASE}runs/{run['id']}/").json() == run


def test_hint_and_reset_through_the_api(api, demo_packages):
    run = start(api).json()
    task = run["ready_tasks"][0]
    response = api.post(
        f"{BASE}runs/{run['id']}/hint/", {"task": task["id"]}, format="json"
    )
    assert response.status_code == 200
    assert "Anzahl" in response.json()["hint"]
    api.post(
        f"{BASE}runs/{run['id']}/tasks/{task['id']}/submit/",
        {"data": {"rasse": "Labrador", "anzahl_hunde": 1}},
        format="json",
    )
    response = api.post(f"{BASE}runs/{run['id']}/reset/")
    assert response.status_code == 200
    assert response.json()["ready_tasks"][0]["element"] == "Task_Erfassen"


def test_hints_are_403_in_exam_mode(api, demo_packages):
    run = start(api, mode="exam").json()
    response = api.post(
        f"{BASE}runs/{run['id']}/hint/",
        {"task": run["ready_tasks"][0]["id"]},
        format="json",
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "In der Prüfung gibt es keine Hinweise."


def test_start_with_unknown_case_is_400(api, demo_packages):
    response = start(api, case="katze", lanes=["Zoo"])
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"case", "lanes"}
    assert not SandboxRun.objects.exists()


def test_another_persons_run_is_404_everywhere(api, demo_packages, colleague):
    run = start(api).json()
    other = APIClient()
    other.force_authenticate(colleague)
    task = run["ready_tasks"][0]["id"]
    assert other.get(f"{BASE}runs/{run['id']}/").status_code == 404
    assert other.post(f"{BASE}runs/{run['id']}/reset/").status_code == 404
    assert (
        other.post(
            f"{BASE}runs/{run['id']}/hint/", {"task": task}, format="json"
        ).status_code
        == 404
    )
    assert (
        other.post(
            f"{BASE}runs/{run['id']}/tasks/{task}/submit/", {"data": {}}, format="json"
        ).status_code
        == 404
    )
    assert api.get(f"{BASE}runs/{uuid.uuid4()}/").status_code == 404


def test_findings_are_sentences_in_the_language_of_the_request(api, demo_packages):
    run = start(api).json()
    for values in ({"rasse": "Labrador", "anzahl_hunde": 1}, {"gefaehrlich": True}):
        task = run["ready_tasks"][0]
        run = api.post(
            f"{BASE}runs/{run['id']}/tasks/{task['id']}/submit/",
            {"data": values},
            format="json",
        ).json()
    assert run["findings"] == [
        {
            "element": "Task_Gefahr",
            "field": "gefaehrlich",
            "message": "Im Schritt „Gefährlichkeit prüfen“ wurde bei „Gilt der Hund "
            "als gefährlich?“ „Ja“ eingetragen; erwartet war „Nein“. Der Labrador "
            "steht nicht auf der Liste, und es gibt keine Vorfälle.",
        }
    ]
    english = api.get(f"{BASE}runs/{run['id']}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["findings"][0]["message"].startswith(
        "In the step “Gefährlichkeit prüfen”, “Yes” was entered for "
        "“Gilt der Hund als gefährlich?”; “No” was expected."
    )
