"""The API as a product: every operation of /api/v1/ documented in German, with
request and response schemas and examples, and a schema that validates."""

import re

import pytest
from django.core.management import call_command

from tests.fuzz.harness import api_schema

METHODS = {"get", "post", "put", "patch", "delete"}


def operations():
    for path, item in api_schema()["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield f"{method.upper()} {path}", operation


def _is_binary(content: dict) -> bool:
    return content.get("schema", {}).get("format") == "binary"


def test_schema_validates_without_warnings(tmp_path):
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--file",
        str(tmp_path / "schema.yaml"),
    )


def test_every_operation_has_a_german_summary_and_description():
    missing = [
        name
        for name, operation in operations()
        if not operation.get("summary") or not operation.get("description")
    ]
    assert missing == []
    english = [
        name
        for name, operation in operations()
        if operation["description"].split()[0] in {"The", "A", "An", "My", "Mark"}
    ]
    assert english == []


def test_every_field_has_a_help_text():
    components = api_schema()["components"]["schemas"]
    undescribed = [
        f"{name}.{field}"
        for name, component in components.items()
        if not name.startswith("Paginated") and name != "Error"
        for field, schema in (component.get("properties") or {}).items()
        if not schema.get("description")
    ]
    assert undescribed == []


def test_every_answer_and_json_body_has_an_example():
    without = []
    for name, operation in operations():
        for status, response in operation["responses"].items():
            for media, content in (response.get("content") or {}).items():
                if _is_binary(content):
                    continue  # a zip file: described, not exemplified
                if not content.get("examples"):
                    without.append(f"{name} → {status} {media}")
        body = operation.get("requestBody", {}).get("content", {})
        for media, content in body.items():
            if media == "application/json" and not content.get("examples"):
                without.append(f"{name} ← {media}")
    assert without == []


def test_every_error_example_has_the_one_error_shape():
    for name, operation in operations():
        for status, response in operation["responses"].items():
            if not status.startswith(("4", "5")):
                continue
            for content in response["content"].values():
                for example in content["examples"].values():
                    assert set(example["value"]) == {"detail", "errors"}, name
                    assert isinstance(example["value"]["detail"], str), name


def test_every_list_is_paged_and_documents_its_parameters():
    lists = {
        name: operation
        for name, operation in operations()
        if name.startswith("GET") and operation["operationId"].endswith("_list")
    }
    assert len(lists) == 11
    for name, operation in lists.items():
        schema = operation["responses"]["200"]["content"]["application/json"]
        ref = schema["schema"]["$ref"].rsplit("/", 1)[-1]
        properties = api_schema()["components"]["schemas"][ref]["properties"]
        parameters = {p["name"] for p in operation.get("parameters", [])}
        if name == "GET /api/v1/xapi/statements/":
            # The xAPI specification's own paging: `statements` and a `more` link.
            assert set(properties) == {"statements", "more"}
            continue
        if name == "GET /api/v1/analytics/readiness/":
            # Issue 10's contract: the formula version once, the cells as `cells`.
            assert set(properties) == {
                "formula_version",
                "count",
                "next",
                "previous",
                "cells",
            }
            cell = properties["cells"]["items"]["$ref"].rsplit("/", 1)[-1]
            cell_fields = api_schema()["components"]["schemas"][cell]["properties"]
            assert set(cell_fields) == {
                "org_unit",
                "process",
                "n",
                "suppressed",
                "readiness",
                "ready_share",
                "barriers",
                "adoption",
            }
            assert {"page", "page_size", "ordering"} <= parameters
            continue
        assert set(properties) == {"count", "next", "previous", "results"}, name
        assert {"page", "page_size"} <= parameters, name


@pytest.mark.django_db
def test_served_schema_is_the_generated_one(client):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    assert set(response.json()["paths"]) == set(api_schema()["paths"])


def _api_routes(patterns, prefix="") -> set[str]:
    """Every route under /api/v1/ of the URLconf, in the schema's path notation."""
    from django.urls import URLPattern, URLResolver

    routes = set()
    for pattern in patterns:
        text = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            routes |= _api_routes(pattern.url_patterns, text)
        elif isinstance(pattern, URLPattern) and text.startswith("api/v1/"):
            routes.add("/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", text))
    return routes


def test_every_endpoint_of_our_api_and_only_ours_is_in_the_schema():
    from django.urls import get_resolver

    documented = set(api_schema()["paths"])
    assert all(path.startswith("/api/v1/") for path in documented)
    # The contract's own pages are no operations of the API.
    undocumented = {
        route
        for route in _api_routes(get_resolver().url_patterns)
        if not route.startswith(("/api/v1/schema/", "/api/v1/docs/"))
        and route not in documented
    }
    assert undocumented == set()
