"""The hand-written hostile list against every operation of the API.

Each operation gets a good body with real ids of the demo town, then every value in
it replaced by each hostile value, then whole bodies no endpoint expects, then odd
path parameters and a query string with a NUL. No answer is a 5xx, every error has
the one shape and matches the schema, and afterwards the person's data export
still works.
"""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache

from demo.accounts import EMPLOYEE_USERNAME
from tests.fuzz import hostile
from tests.fuzz.harness import CHECKS, api_operations

pytestmark = pytest.mark.django_db

OPERATIONS = api_operations()
ANSWER_BY_KIND = {
    "single": "0",
    "multiple": ["0", "1"],
    "true_false": True,
    "ordering": ["0", "1"],
    "numeric": 1,
}


def good_body(label: str, ids: dict) -> dict | None:
    """A body the operation would accept, aimed at real things of the demo town."""
    return {
        "POST /api/v1/auth/token/": {
            "username": EMPLOYEE_USERNAME,
            "password": "falsch",
        },
        "POST /api/v1/me/enrolments/": {"course": ids["course_id"]},
        "POST /api/v1/quizzes/{page_id}/{block_id}/attempts/": {
            "answers": {
                qid: ANSWER_BY_KIND[kind] for qid, kind in ids["questions"].items()
            }
        },
        "POST /api/v1/sandbox/runs/": {
            "process": "hund_anmelden",
            "case": "labrador",
            "mode": "practice",
            "lanes": ["Ordnungsamt"],
            "version": 1,
        },
        "POST /api/v1/sandbox/runs/{run_id}/tasks/{task_id}/submit/": {
            "data": {name: "Labrador" for name in ids["task_fields"]}
        },
        "POST /api/v1/sandbox/runs/{run_id}/hint/": {"task": ids["task_id"]},
        "POST /api/v1/sandbox/packages/{package_id}/approve/": {"comment": "Gut."},
        "POST /api/v1/sandbox/packages/{package_id}/reject/": {"comment": "Nein."},
    }.get(label)


def assert_answer(case, response, *, refused: bool, variant: str = "") -> None:
    """No 5xx; a refused input is a 4xx; every error has the documented shape."""
    request = f"{case.method} {response.request.url} {variant}"
    assert response.status_code < 500, request
    if refused:
        assert 400 <= response.status_code < 500, request
    if response.status_code >= 400:
        body = json.loads(response.content)
        assert set(body) == {"detail", "errors"}, (request, body)
        assert isinstance(body["detail"], str) and body["detail"], (request, body)
        assert isinstance(body["errors"], dict), (request, body)
    case.validate_response(response, checks=CHECKS)


NO_BODY = object()


def send(operation, person, app, *, path=None, body=NO_BODY, raw=None, query=None):
    """One request through the WSGI application; a JSON body unless `raw`."""
    cache.clear()  # throttles count in the cache: every input reaches the view
    parameters = path if path is not None else real_path(operation, person)
    case = operation.Case(path_parameters=parameters, query=query)
    if body is not NO_BODY:
        raw = json.dumps(body).encode()
    if raw is None:
        return case, case.call(app=app, headers=person.headers)
    headers = {**person.headers, "Content-Type": "application/json"}
    return case, case.call(app=app, headers=headers, data=raw)


def real_path(operation, person) -> dict:
    return {p.name: person.ids[p.name] for p in operation.path_parameters}


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.label)
def test_hostile_input_never_breaks_an_operation(operation, town, app):
    person = town["employee"]
    good = good_body(operation.label, person.ids)
    if good is not None:
        for variant, body in hostile.body_variants(good, hostile.REFUSED_VALUES):
            case, response = send(operation, person, app, body=body)
            assert_answer(case, response, refused=True, variant=variant)
        for variant, body in hostile.body_variants(good, hostile.ODD_VALUES):
            case, response = send(operation, person, app, body=body)
            assert_answer(case, response, refused=False, variant=variant)
        for value in (*hostile.REFUSED_VALUES.values(), *hostile.ODD_VALUES.values()):
            case, response = send(operation, person, app, body=value)
            assert_answer(case, response, refused=False)
    for raw in hostile.RAW_BODIES.values():
        case, response = send(operation, person, app, raw=raw)
        assert_answer(case, response, refused=False)
    case, response = send(operation, person, app, query={"q": "a\x00b"})
    assert_answer(case, response, refused=True)
    for name in (p.name for p in operation.path_parameters):
        for value in hostile.ODD_PATH_VALUES:
            path = {**real_path(operation, person), name: value}
            case, response = send(
                operation, person, app, path=path, body=good or NO_BODY
            )
            assert response.status_code in (400, 404), response.request.url
            assert_answer(case, response, refused=True)
    assert_export_works(app, person)


def assert_export_works(app, person) -> None:
    export = next(op for op in OPERATIONS if op.label == "GET /api/v1/me/export/")
    case, response = send(export, person, app)
    assert response.status_code == 200
    case.validate_response(response, checks=CHECKS)
