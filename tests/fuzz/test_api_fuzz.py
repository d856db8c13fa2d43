"""Schemathesis over every operation of the OpenAPI schema, as an employee and as
an administrator: no answer is a 5xx, every answer matches the schema."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from tests.fuzz.harness import CHECKS, api_operations

pytestmark = pytest.mark.django_db

OPERATIONS = api_operations()


@pytest.mark.parametrize("role", ["employee", "admin"])
@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.label)
def test_every_operation_answers_within_its_schema(operation, role, town, app):
    person = town[role]
    real = {
        name: person.ids[name]
        for name in (p.name for p in operation.path_parameters)
        if name in person.ids
    }
    strategy = st.one_of(
        *(
            operation.as_strategy(mode, **kwargs)
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
            for kwargs in ({}, {"path_parameters": real})
        )
    )

    @settings(
        max_examples=25,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def fuzz(case):
        response = case.call(app=app, headers=person.headers)
        case.validate_response(response, checks=CHECKS)

    fuzz()
