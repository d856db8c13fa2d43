"""The sandbox exercise block offers the live processes and their cases as lists; a
missing process or a case of another process is an error before publishing (issue 11)."""

import pytest
from wagtail.blocks import StructBlockValidationError

from courses.blocks.exercise import (
    SandboxExerciseBlock,
    case_choices,
    process_choices,
)
from demo.sandboxes import DEMO_PACKAGES_DIR


@pytest.fixture
def live_process(db):
    from sandbox.services import package_import

    return package_import(file=DEMO_PACKAGES_DIR / "hund_anmelden")


def _value(block, **fields):
    return block.to_python(
        {
            "title": "Übung",
            "description": "",
            "process_id": "hund_anmelden",
            "case_id": "labrador",
            "mode": "guided",
            **fields,
        }
    )


def test_the_lists_hold_the_live_processes_and_their_cases(live_process):
    assert ("hund_anmelden", f"{live_process.title} (hund_anmelden)") in (
        process_choices()
    )
    groups = dict(case_choices()[1:])
    assert ("labrador", live_process.case("labrador")["title"]) in groups[
        live_process.title
    ]


def test_a_chosen_process_and_case_are_accepted(live_process):
    block = SandboxExerciseBlock()
    assert block.clean(_value(block))["process_id"] == "hund_anmelden"


def test_a_process_that_is_not_live_is_an_error_before_publishing(db):
    block = SandboxExerciseBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(_value(block))
    assert "Diesen Übungsraum gibt es nicht" in str(
        error.value.block_errors["process_id"]
    )


def test_a_case_of_another_process_is_an_error(live_process):
    block = SandboxExerciseBlock()
    value = _value(block, case_id="gibt_es_nicht")
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "gehört nicht zum gewählten Prozess" in str(
        error.value.block_errors["case_id"]
    )
