"""No English engine text and no Python exception text reaches the trainer (issue 15).

The engine's known kinds of failure are fed to the translation in
``sandbox.engine_messages``; each must come out as a German sentence that names
the element and says what to do. Real packages show the same end to end.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.exceptions import WorkflowException

from sandbox import engine_messages, services
from tests.support.sandbox import make_zip

# Words and marks of English engine texts and Python exceptions.
ENGLISH = re.compile(
    r"\b(the|is|not|of|without|invalid|syntax|defined|supported|instances|Error|"
    r"Exception|Traceback|condition|found|executable|expected|attribute)\b|"
    r"\{http|xs:|'>'",
)


def assert_german(message: str) -> None:
    assert not ENGLISH.search(message), message
    assert re.search(
        r"\b(der|die|das|ein|eine|keiner|bitte|nicht|fehlt)\b", message, re.I
    )


def _task(name="Geprüft?", element_id="Gateway_Geprueft"):
    workflow = SimpleNamespace(spec=SimpleNamespace(file="process.bpmn"))
    workflow.top_workflow = workflow
    spec = SimpleNamespace(bpmn_name=name, bpmn_id=element_id)
    return SimpleNamespace(data={}, task_spec=spec, workflow=workflow)


def _wrapped(inner: Exception, text: str = "Error evaluating expression 'x'"):
    try:
        try:
            raise inner
        except Exception as exc:
            raise WorkflowTaskException(text, task=_task(), exception=exc) from None
    except WorkflowTaskException as outer:
        outer.__context__ = inner
        return outer


RUN_FAILURES = {
    "missing value": (
        _wrapped(NameError("name 'betrag' is not defined")),
        "Der Wert „betrag“ fehlt",
    ),
    "type mismatch": (
        _wrapped(TypeError("'>' not supported between instances of 'str' and 'int'")),
        "nicht zusammenpassen",
    ),
    "division by zero": (_wrapped(ZeroDivisionError("division by zero")), "null"),
    "missing key": (_wrapped(KeyError("antrag")), "Der Wert „antrag“ fehlt"),
    "no way fits": (
        WorkflowTaskException("No conditions satisfied on gateway", task=_task()),
        "Keiner der ausgehenden Wege",
    ),
    "join never reached": (
        WorkflowException("Split at Gateway_1 was not reached"),
        "wartet auf einen Weg",
    ),
    "internal error": (RuntimeError("unexpected internal TypeError"), "nicht weiter"),
}


@pytest.mark.parametrize("kind", list(RUN_FAILURES))
def test_each_kind_of_run_failure_becomes_german(kind):
    exc, expected = RUN_FAILURES[kind]
    message = engine_messages.run_error(exc)
    assert expected in message
    assert_german(message)
    if getattr(exc, "task", None) is not None:
        assert "„Geprüft?“ (Gateway_Geprueft)" in message


PARSER_FAILURES = {
    "flow without condition": (
        "Non-default exclusive outgoing sequence flow  without condition",
        "Standardfluss",
    ),
    "python syntax": ("invalid syntax (<string>, line 1)", "nicht lesen"),
    "not executable": ("Process Process_1 is not executable.", "nicht ausführbar"),
    "no start": ("No start event found", "kein Startereignis"),
    "task type": ("There is no support implemented for this task type.", "Aufgabe"),
    "loop": (
        "A loopMaximum or loopCondition must be specified for Loop Tasks",
        "Schleifen",
    ),
    "multiple outgoing": (
        "Multiple outgoing flows are not supported for tasks of type",
        "Verzweigung",
    ),
}


@pytest.mark.parametrize("kind", list(PARSER_FAILURES))
def test_each_kind_of_parser_failure_becomes_german_and_names_the_element(kind):
    text, expected = PARSER_FAILURES[kind]
    exc = ValidationException(text, id="Task_1", name="Antrag prüfen")
    message = engine_messages.parser_error(exc)
    assert expected in message
    assert "„Antrag prüfen“ (Task_1)" in message
    assert_german(message)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Element '{http://www.omg.org/spec/BPMN/20100524/MODEL}process', attribute "
            "'isExecutable': 'vielleicht' is not a valid value of the atomic type "
            "'xs:boolean'.",
            "In Zeile 3 hat das Element „process“ beim Attribut „isExecutable“",
        ),
        (
            "Element '{http://www.omg.org/spec/BPMN/20100524/MODEL}dataInputAssociation'"
            ": Missing child element(s). Expected is "
            "( {http://www.omg.org/spec/BPMN/20100524/MODEL}targetRef ).",
            "Das Element „dataInputAssociation“ in Zeile 3",
        ),
        ("something else entirely", "(Zeile 3)"),
    ],
)
def test_schema_texts_become_german_without_namespace_uris(text, expected):
    message = engine_messages.schema_error("process.bpmn", text, 3)
    assert expected in message
    assert_german(message)


MODELS = Path(__file__).parent / "real_models"


@pytest.mark.django_db
def test_a_case_whose_simulated_data_lacks_a_value_gets_a_german_import_message():
    files = {p.name: p.read_bytes() for p in (MODELS / "camunda").iterdir()}
    manifest = json.loads(files["sandbox.json"])
    case = manifest["cases"][0]
    case["choices"] = {"Gateway_Freigegeben": "Flow_Nein"}
    case["expected_end"] = "End_Abgelehnt"
    del case["simulate"]["Activity_Klaerung"]
    files["sandbox.json"] = json.dumps(manifest).encode()
    with pytest.raises(ValidationError) as excinfo:
        services.package_import(file=make_zip(files))
    message = excinfo.value.messages[0]
    assert message.startswith("Fall „buerobedarf“: Der Prozess hält bei „Geklärt?“")
    assert "Der Wert „geklaert“ fehlt in den Falldaten" in message
    assert_german(message)


@pytest.mark.django_db
def test_blockers_come_first_and_vendor_bits_only_as_the_note():
    files = {p.name: p.read_bytes() for p in (MODELS / "signavio").iterdir()}
    bpmn = files["process.bpmn"].decode()
    bpmn = bpmn.replace('name="Abfallwirtschaft"', "")
    files["process.bpmn"] = bpmn.encode()
    with pytest.raises(ValidationError) as excinfo:
        services.package_import(file=make_zip(files))
    messages = excinfo.value.messages
    assert messages[0].startswith("Die Bahn (Lane) „sid-lane-aw“ hat keinen Namen.")
    assert not any("signavio" in m.lower() for m in messages)
    for message in messages:
        assert_german(message)
