"""API of the learning core: happy paths, permissions, validation."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from lms import roles
from lms.models import QuizAttempt
from tests.support.learning import (
    NO_SUCH_PAGE,
    Q_MULTI,
    Q_NUM,
    Q_SINGLE,
    QUIZ_BLOCK,
)

QUIZ_URL = "/api/v1/quizzes/{lesson}/{block}/attempts/"


@pytest.fixture
def person(catalogue, make_person):
    roles.sync_groups()
    return make_person(first_name="Erika", last_name="Mustermann")


@pytest.fixture
def quiz_url(catalogue):
    return QUIZ_URL.format(lesson=catalogue.quiz_lesson.id, block=QUIZ_BLOCK)


@pytest.fixture
def api(person):
    client = APIClient()
    client.force_authenticate(person)
    return client


@pytest.mark.parametrize(
    "method, url",
    [
        ("get", "/api/v1/me/enrolments/"),
        ("post", "/api/v1/me/enrolments/"),
        ("post", "/api/v1/lessons/{lesson}/complete/"),
        ("post", QUIZ_URL),
        ("get", "/api/v1/me/certificates/"),
        ("get", "/api/v1/me/export/"),
    ],
)
def test_every_endpoint_needs_a_login(catalogue, method, url):
    url = url.format(lesson=catalogue.quiz_lesson.id, block=QUIZ_BLOCK)
    response = getattr(APIClient(), method)(url, {}, format="json")
    assert response.status_code == 401
    assert set(response.json()) == {"detail", "errors"}


def test_self_enrol_and_list(api, catalogue):
    optional = catalogue.optional.id
    created = api.post("/api/v1/me/enrolments/", {"course": optional}, format="json")
    assert created.status_code == 201
    assert created.json()["state"] == "open"
    listed = api.get("/api/v1/me/enrolments/").json()["results"]
    assert [e["course"] for e in listed] == [optional]
    [lesson] = catalogue.optional_lessons
    assert listed[0]["lessons_total"] == 1 and listed[0]["next_lesson"] == lesson.id


def test_self_enrol_validation(api, catalogue):
    optional = catalogue.optional.id
    assert api.post("/api/v1/me/enrolments/", {}, format="json").status_code == 400
    api.post("/api/v1/me/enrolments/", {"course": optional}, format="json")
    again = api.post("/api/v1/me/enrolments/", {"course": optional}, format="json")
    assert again.status_code == 400
    assert "bereits" in again.json()["errors"]["course"][0]
    unknown = api.post(
        "/api/v1/me/enrolments/", {"course": NO_SUCH_PAGE}, format="json"
    )
    assert unknown.status_code == 400


def test_lesson_complete(api, catalogue):
    [lesson] = catalogue.optional_lessons
    response = api.post(f"/api/v1/lessons/{lesson.id}/complete/")
    assert response.status_code == 200
    assert response.json()["course_completed"] is True
    unknown = api.post(f"/api/v1/lessons/{NO_SUCH_PAGE}/complete/")
    assert unknown.status_code == 404


def test_quiz_attempt_graded_on_the_server(api, catalogue, quiz_url):
    right = catalogue.right_answers()
    wrong = {**right, Q_SINGLE: "1", Q_NUM: 10}
    response = api.post(quiz_url, {"answers": wrong}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["score"], body["passed"], body["attempt"]) == (60, False, 1)
    first = body["feedback"][0]
    assert first["correct"] is False and first["explanation"]
    passed = api.post(quiz_url, {"answers": right}, format="json").json()
    assert (passed["score"], passed["passed"], passed["best_score"]) == (100, True, 100)


def test_quiz_double_submission_returns_the_same_attempt(api, catalogue, quiz_url):
    right = catalogue.right_answers()
    first = api.post(quiz_url, {"answers": right}, format="json")
    second = api.post(quiz_url, {"answers": right}, format="json")
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["duplicate"] is True
    assert QuizAttempt.objects.count() == 1


def test_quiz_attempt_validation_and_unknown_quiz(api, catalogue, quiz_url):
    bad = api.post(quiz_url, {"answers": {Q_MULTI: "0"}}, format="json")
    assert bad.status_code == 400
    assert Q_MULTI in bad.json()["errors"]["answers"]
    assert api.post(quiz_url, {"answers": []}, format="json").status_code == 400
    missing = api.post(
        QUIZ_URL.format(lesson=catalogue.quiz_lesson.id, block="nope"),
        {"answers": {}},
        format="json",
    )
    assert missing.status_code == 404


def test_certificates_and_export_are_only_my_own(api, catalogue, person, make_person):
    other = make_person()
    catalogue.complete_datenschutz(other, now=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    assert api.get("/api/v1/me/certificates/").json()["results"] == []
    catalogue.complete_datenschutz(person)
    [mine] = api.get("/api/v1/me/certificates/").json()["results"]
    assert mine["holder_name"] == "Erika Mustermann"
    assert mine["verify_url"].endswith(f"/verify/{mine['code']}/")
    export = api.get("/api/v1/me/export/").json()
    assert [c["code"] for c in export["certificates"]] == [mine["code"]]
    assert all(a["enrolment"] for a in export["quiz_attempts"])


def test_schema_documents_the_learning_endpoints(api):
    schema = api.get("/api/v1/schema/?format=json").json()
    for path in [
        "/api/v1/me/enrolments/",
        "/api/v1/lessons/{page_id}/complete/",
        "/api/v1/quizzes/{page_id}/{block_id}/attempts/",
        "/api/v1/me/certificates/",
        "/api/v1/me/export/",
    ]:
        assert path in schema["paths"]
