"""One focused test per cause of the 500s a fuzz run found (713 requests, 29 × 500).

1. JSON nested 50,000 levels deep (RecursionError), also in sandbox.json.
2. An over-long username at the token endpoint (tests/lms/test_token_api.py)
   and at the login page.
3. NUL characters and lone surrogates in quiz answers, sandbox values, a run's
   mode, staff CSV fields and package manifests.
4. Huge numbers: a quiz answer (OverflowError), 5,000 digits in sandbox.json.
5. Unbounded sizes: a 1 MB single-choice answer was stored.
6. Stored bad text broke the person's data export for good.
7. 4xx answers under /api/v1/ that were HTML, or whose `errors` was a list.
The search box's query syntax (SQLite FTS) is in tests/courses/test_search.py.
"""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DataError, connection, transaction
from django.test import Client, RequestFactory
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.test import APIClient

from config import api
from demo.accounts import ADMIN_USERNAME, EMPLOYEE_USERNAME, TRAINING_ADMIN_USERNAME
from lms.models import QuizAttempt, StaffProfile
from lms.services.staff_import import staff_import
from sandbox.models import ProcessPackage, SandboxRun
from tests.fuzz import hostile
from tests.fuzz.harness import api_schema
from tests.support.sandbox import make_zip, package_members

pytestmark = pytest.mark.django_db

TOO_DEEP = "Die Daten sind zu tief verschachtelt."
NUL = "Der Text enthält ein Nullzeichen; das ist nicht erlaubt."
SURROGATE = (
    "Der Text enthält ein ungültiges Unicode-Zeichen (ein einzelnes Surrogat); "
    "das ist nicht erlaubt."
)


def user(username: str):
    return get_user_model().objects.get(username=username)


def api_as(username: str | None) -> APIClient:
    client = APIClient()
    if username:
        client.force_authenticate(user(username))
    return client


def post_json(client, url: str, body) -> object:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return client.post(url, raw, content_type="application/json")


def error_of(response, status: int = 400) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert set(body) == {"detail", "errors"}
    assert isinstance(body["detail"], str) and body["detail"]
    assert isinstance(body["errors"], dict)
    return body


def quiz_url(ids) -> str:
    return f"/api/v1/quizzes/{ids['page_id']}/{ids['block_id']}/attempts/"


def answer_quiz(ids, answers: dict):
    return post_json(api_as(EMPLOYEE_USERNAME), quiz_url(ids), {"answers": answers})


def question_of(ids, kind: str) -> str:
    return next(qid for qid, k in ids["questions"].items() if k == kind)


def upload_package(members: dict[str, bytes]):
    upload = SimpleUploadedFile("paket.zip", make_zip(members), "application/zip")
    return api_as(ADMIN_USERNAME).post(
        "/api/v1/sandbox/packages/", {"file": upload}, format="multipart"
    )


def with_manifest(change) -> dict[str, bytes]:
    """The hund_anmelden package with its sandbox.json text changed."""
    members = package_members("hund_anmelden")
    members["sandbox.json"] = change(members["sandbox.json"].decode()).encode()
    return members


def assert_package_refused(response, fragment: str) -> None:
    body = error_of(response)
    assert any(fragment in finding for finding in body["errors"]["package"]), body
    assert not ProcessPackage.objects.filter(version__gt=1).exists()


# --- 1. deep JSON ------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [hostile.DEEP_ARRAY, hostile.DEEP_OBJECT])
def test_deeply_nested_json_is_a_400_even_for_anonymous_token_requests(town, raw):
    body = error_of(post_json(APIClient(), "/api/v1/auth/token/", raw))
    assert body["detail"] == TOO_DEEP


def test_json_past_twenty_levels_is_refused_before_any_view(town):
    ids = town["employee"].ids
    nested = json.loads("[" * 21 + "]" * 21)
    answers = {question_of(ids, "single"): nested}
    body = error_of(answer_quiz(ids, answers))
    assert body["errors"] == {
        "answers": ["Die Daten sind tiefer als 20 Ebenen verschachtelt."]
    }


def test_deeply_nested_sandbox_json_is_a_finding_not_a_500(town):
    deep = "[" * 50_000 + "]" * 50_000
    members = with_manifest(
        lambda text: text.replace('"cases"', f'"x": {deep}, "cases"', 1)
    )
    assert_package_refused(upload_package(members), "zu tief verschachtelt")


# --- 2. over-long usernames ---------------------------------------------------------------


def test_an_overlong_username_at_the_web_login_is_a_form_error(town):
    """The token endpoint was fixed before; the login page let such a name reach
    the lockout log, whose column refuses it on PostgreSQL."""
    response = Client().post(
        "/konto/anmelden/", {"username": "a" * 300, "password": "falsch"}
    )
    assert response.status_code == 200
    assert "höchstens 150 Zeichen" in response.content.decode()


# --- 3. NUL and lone surrogates --------------------------------------------------------


@pytest.mark.parametrize(("value", "message"), [("a\x00", NUL), ("\ud800", SURROGATE)])
def test_nul_and_lone_surrogates_in_quiz_answers_are_refused(town, value, message):
    ids = town["employee"].ids
    before = QuizAttempt.objects.count()
    answers = {question_of(ids, "single"): value}
    body = error_of(answer_quiz(ids, answers))
    assert body["errors"] == {"answers": [message]}
    assert QuizAttempt.objects.count() == before


@pytest.mark.parametrize("value", ["Labra\x00dor", "Labra\udfffdor"])
def test_nul_and_lone_surrogates_in_sandbox_values_are_refused(town, value):
    ids = town["employee"].ids
    url = f"/api/v1/sandbox/runs/{ids['run_id']}/tasks/{ids['task_id']}/submit/"
    steps = SandboxRun.objects.get(pk=ids["run_id"]).steps
    data = {"rasse": value, "anzahl_hunde": 1}  # a free text and a number
    error_of(post_json(api_as(EMPLOYEE_USERNAME), url, {"data": data}))
    assert SandboxRun.objects.get(pk=ids["run_id"]).steps == steps


@pytest.mark.parametrize("mode", ["\ud800", "practice\x00"])
def test_a_mode_that_cannot_be_echoed_is_refused_not_a_500(town, mode):
    body = {"process": "hund_anmelden", "case": "labrador", "mode": mode}
    response = post_json(api_as(EMPLOYEE_USERNAME), "/api/v1/sandbox/runs/", body)
    assert error_of(response)["errors"] == {
        "mode": [NUL if "\x00" in mode else SURROGATE]
    }


@pytest.mark.parametrize(
    "row",
    [
        "X-1;Fr\x00itz;Fuzz;fritz@musterstadt.example;it",
        f"X-1;Fritz;Fuzz;{'a' * 200}@musterstadt.example;it",
        f"X-1;{'F' * 151};Fuzz;fritz@musterstadt.example;it",
    ],
)
def test_a_hostile_staff_csv_line_is_an_error_of_its_line_not_a_500(town, row):
    csv = "personalnummer;vorname;nachname;email;einheit\n" + row + "\n"
    result = staff_import(data=csv.encode(), actor=user(TRAINING_ADMIN_USERNAME))
    assert len(result.errors) == 1 and result.errors[0].startswith("Zeile 2: ")
    assert not StaffProfile.objects.filter(personnel_number="X-1").exists()


@pytest.mark.parametrize(
    ("escape", "fragment"), [("\\u0000", "Nullzeichen"), ("\\ud800", "Surrogat")]
)
def test_nul_and_lone_surrogates_in_a_manifest_are_findings(town, escape, fragment):
    members = with_manifest(
        lambda text: text.replace('"title": "', f'"title": "{escape}', 1)
    )
    assert_package_refused(upload_package(members), fragment)


def test_a_nul_byte_in_a_package_file_is_a_finding(town):
    members = package_members("hund_anmelden")
    members["process.bpmn"] = members["process.bpmn"].replace(
        b"</bpmn:definitions>", b"\x00</bpmn:definitions>"
    )
    assert_package_refused(upload_package(members), "Nullzeichen")


# --- 4. huge numbers -------------------------------------------------------------------


@pytest.mark.parametrize("number", [10**400, -(10**400), 2**53])
def test_a_huge_numeric_quiz_answer_is_a_400_not_an_overflow(town, number):
    ids = town["employee"].ids
    answers = {question_of(ids, "numeric"): number}
    body = error_of(answer_quiz(ids, answers))
    assert body["errors"] == {
        "answers": ["Eine Zahl ist zu groß (höchstens 9007199254740991)."]
    }


def test_a_number_of_five_thousand_digits_in_the_body_is_a_400(town):
    raw = b'{"answers": {"x": ' + hostile.FIVE_THOUSAND_DIGITS.encode() + b"}}"
    ids = town["employee"].ids
    body = error_of(post_json(api_as(EMPLOYEE_USERNAME), quiz_url(ids), raw))
    assert (
        body["detail"] == "Der Inhalt enthält eine Zahl, die nicht gelesen werden kann."
    )


def test_five_thousand_digits_in_sandbox_json_are_a_finding(town):
    members = with_manifest(
        lambda text: text.replace(
            '"cases"', f'"x": {hostile.FIVE_THOUSAND_DIGITS}, "cases"', 1
        )
    )
    assert_package_refused(upload_package(members), "zu vielen Ziffern")


# --- 5. sizes --------------------------------------------------------------------------


def test_a_megabyte_single_choice_answer_is_refused_and_not_stored(town):
    ids = town["employee"].ids
    before = QuizAttempt.objects.count()
    answers = {question_of(ids, "single"): hostile.MEGABYTE}
    body = error_of(answer_quiz(ids, answers))
    assert body["errors"] == {"answers": ["Der Text ist länger als 10000 Zeichen."]}
    answers = {question_of(ids, "single"): "0" * 101}
    body = error_of(answer_quiz(ids, answers))
    assert body["errors"]["answers"] == {
        question_of(ids, "single"): ["Der Text ist länger als 100 Zeichen."]
    }
    assert QuizAttempt.objects.count() == before


def test_a_megabyte_answer_in_the_quiz_form_is_not_stored(town):
    ids = town["employee"].ids
    client = Client()
    client.force_login(user(EMPLOYEE_USERNAME))
    before = QuizAttempt.objects.count()
    response = client.post(
        f"/lernen/quiz/{ids['page_id']}/{ids['block_id']}/",
        {f"q-{question_of(ids, 'single')}": hostile.MEGABYTE},
        follow=True,
    )
    assert response.status_code == 200
    assert "Der Text ist länger als 100 Zeichen." in response.content.decode()
    assert QuizAttempt.objects.count() == before


def test_long_lists_are_refused(town):
    body = {"process": "hund_anmelden", "case": "labrador", "mode": "practice"}
    client = api_as(EMPLOYEE_USERNAME)
    response = post_json(client, "/api/v1/sandbox/runs/", {**body, "lanes": ["x"] * 51})
    assert "lanes" in error_of(response)["errors"]
    response = post_json(
        client, "/api/v1/sandbox/runs/", {**body, "lanes": ["x"] * 1001}
    )
    assert error_of(response)["errors"] == {
        "lanes": ["Eine Liste oder ein Objekt hat mehr als 1000 Einträge."]
    }


# --- 6. stored bad text ----------------------------------------------------------------


def test_stored_lone_surrogates_do_not_break_the_data_export(town):
    # SQLite kept a lone surrogate inside JSON (as the escape "\ud800");
    # PostgreSQL refuses it, so there such data cannot exist: shown below.
    ids = town["employee"].ids
    employee = user(EMPLOYEE_USERNAME)
    enrolment = employee.enrolments.first()

    def store_bad_attempt():
        QuizAttempt.objects.create(
            enrolment=enrolment,
            lesson_id=ids["page_id"],
            block_id=ids["block_id"],
            number=99,
            answers={question_of(ids, "single"): "\ud800\x00"},
            answers_digest="x",
            score=0,
            passed=False,
            feedback=[],
            created_at=timezone.now(),
        )

    if connection.vendor != "sqlite":
        with pytest.raises(DataError), transaction.atomic():
            store_bad_attempt()
        return
    store_bad_attempt()
    response = api_as(EMPLOYEE_USERNAME).get("/api/v1/me/export/")
    assert response.status_code == 200
    stored = response.json()["quiz_attempts"][-1]["answers"]
    assert stored == {question_of(ids, "single"): "\ufffd\ufffd"}
    client = Client()
    client.force_login(employee)
    response = client.get("/lernen/meine-daten/lotse-meine-daten.json")
    assert response.status_code == 200
    assert "\ufffd\ufffd" in response.content.decode()


# --- 7. every error under /api/ in one JSON shape ----------------------------------------


def test_a_body_over_the_upload_limit_is_a_json_400(town, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    raw = json.dumps({"username": "x" * (2 * 1024 * 1024), "password": "x"}).encode()
    body = error_of(post_json(APIClient(), "/api/v1/auth/token/", raw))
    assert body["detail"] == "Die Anfrage ist größer als 1 MB."


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/sandbox/runs/not-a-uuid/",
        "/api/v1/courses/123456789012345678901234567890/",
        "/api/v1/gibt-es-nicht/",
        "/api/v2/",
    ],
)
@pytest.mark.parametrize("method", ["get", "post", "delete"])
def test_an_address_that_matches_nothing_is_a_json_404(town, url, method):
    client = Client()
    client.force_login(user(EMPLOYEE_USERNAME))
    response = getattr(client, method)(url)
    body = error_of(response, 404)
    assert body["detail"] == "Diese Adresse gibt es in der Schnittstelle nicht."


def test_nul_in_a_query_string_is_a_json_400_under_the_api_and_a_page_elsewhere(town):
    client = Client()
    client.force_login(user(EMPLOYEE_USERNAME))
    assert error_of(client.get("/api/v1/me/", {"q": "a\x00"}))["detail"] == NUL
    response = client.get("/kurse/", {"q": "a\x00"})
    assert response.status_code == 400
    assert NUL in response.content.decode()


def test_django_errors_under_the_api_are_json(town):
    request = RequestFactory().get("/api/v1/me/")
    for response, status in [
        (api.bad_request(request), 400),
        (api.permission_denied(request), 403),
        (api.page_not_found(request), 404),
        (api.server_error(request), 500),
    ]:
        error_of(response, status)
    page = api.permission_denied(RequestFactory().get("/organisation/"))
    assert page["Content-Type"].startswith("text/html")


def test_errors_is_always_an_object(town):
    response = api.exception_handler(exceptions.APIException(["a", "b"]), {})
    assert response.data == {
        "detail": "Die Anfrage ist fehlgeschlagen.",
        "errors": {"non_field_errors": ["a", "b"]},
    }


def test_every_operation_documents_the_error_shape():
    schema = api_schema()
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail", "errors"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status in ("400", "401", "403", "404", "429"):
                content = operation["responses"][status]["content"]
                assert content["application/json"]["schema"] == {
                    "$ref": "#/components/schemas/Error"
                }, (method, path, status)
