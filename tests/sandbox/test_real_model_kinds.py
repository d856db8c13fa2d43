"""Each kind of element a real model brings, one small model per kind (issue 15).

``test_real_models.py`` plays whole exports of each tool; here every end event
kind, parallel branches of people's steps, inclusive gateways, foreign
condition languages, every simulated kind of step and start event are shown one
by one in a model written the way the tools write it.
"""

from __future__ import annotations

import json

import pytest

from sandbox import services
from tests.support.sandbox import make_zip

pytestmark = pytest.mark.django_db

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'xmlns:camunda="http://camunda.org/schema/1.0/bpmn" '
    'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" '
    'xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn" '
    'exporter="Camunda Modeler" exporterVersion="5.17.0">\n'
)


def model(body: str, *, flows: list[tuple], start: str = "") -> bytes:
    """A process "konstrukte" in one lane: Start → ``body`` … with ``flows``
    as (id, source, target[, name[, condition]])."""
    nodes = ["StartEvent_1", *_ids(body)]
    lane = "".join(f"<bpmn:flowNodeRef>{n}</bpmn:flowNodeRef>" for n in nodes)
    sequence = ""
    for flow in flows:
        flow_id, source, target, *rest = flow
        name = f' name="{rest[0]}"' if rest and rest[0] else ""
        condition = rest[1] if len(rest) > 1 else ""
        sequence += (
            f'<bpmn:sequenceFlow id="{flow_id}"{name} sourceRef="{source}" '
            f'targetRef="{target}">{condition}</bpmn:sequenceFlow>\n'
        )
    return (
        HEAD
        + '<bpmn:process id="konstrukte" isExecutable="false">\n'
        + '<bpmn:laneSet id="LaneSet_1"><bpmn:lane id="Lane_1" name="Bürgerbüro">'
        + lane
        + "</bpmn:lane></bpmn:laneSet>\n"
        + f'<bpmn:startEvent id="StartEvent_1" name="Antrag da">{start}</bpmn:startEvent>\n'
        + body
        + sequence
        + "</bpmn:process>\n</bpmn:definitions>\n"
    ).encode()


def _ids(body: str) -> list[str]:
    from lxml import etree

    root = etree.fromstring(
        f'<r xmlns:bpmn="b" xmlns:camunda="c" xmlns:xsi="x" xmlns:spiffworkflow="s">{body}</r>'
    )
    return [child.get("id") for child in root if child.get("id")]


def package(bpmn: bytes, *, case: dict, tasks: dict | None = None) -> bytes:
    manifest = {
        "format": "lotse-sandbox/1",
        "process_id": "konstrukte",
        "title": "Konstrukte",
        "lanes": {"Bürgerbüro": {}},
        "tasks": tasks or {},
        "cases": [
            {"id": "fall", "title": "Ein Fall", "data": {}, "expected": {}, **case}
        ],
        "scoring": {"pass_mark": 80},
    }
    return make_zip(
        {
            "process.bpmn": bpmn,
            "sandbox.json": json.dumps(manifest, ensure_ascii=False).encode(),
        }
    )


def _start(api):
    response = api.post(
        "/api/v1/sandbox/runs/",
        {"process": "konstrukte", "case": "fall", "mode": "practice"},
        format="json",
    )
    assert response.status_code == 201, response.content
    return response.json()


def _submit(api, run, task, data):
    response = api.post(
        f"/api/v1/sandbox/runs/{run['id']}/tasks/{task['id']}/submit/",
        {"data": data},
        format="json",
    )
    assert response.status_code == 200, response.content
    return response.json()


END_KINDS = {
    "none": "",
    "message": '<bpmn:messageEventDefinition id="Def_End" />',
    "signal": '<bpmn:signalEventDefinition id="Def_End" />',
    "error": '<bpmn:errorEventDefinition id="Def_End" />',
    "escalation": '<bpmn:escalationEventDefinition id="Def_End" />',
    "terminate": '<bpmn:terminateEventDefinition id="Def_End" />',
}


@pytest.mark.parametrize("kind", END_KINDS)
def test_every_end_event_kind_ends_the_run(api, kind):
    bpmn = model(
        '<bpmn:task id="Task_Pruefen" name="Antrag prüfen" />'
        f'<bpmn:endEvent id="End_Fertig" name="Fertig">{END_KINDS[kind]}'
        "</bpmn:endEvent>",
        flows=[
            ("F1", "StartEvent_1", "Task_Pruefen"),
            ("F2", "Task_Pruefen", "End_Fertig"),
        ],
    )
    services.package_import(file=package(bpmn, case={"expected_end": "End_Fertig"}))
    run = _start(api)
    task = run["ready_tasks"][0]
    assert (task["element"], task["kind"]) == ("Task_Pruefen", "confirm")
    run = _submit(api, run, task, {})
    assert (run["status"], run["end_event"], run["score"]) == (
        "finished",
        "End_Fertig",
        100,
    )


def test_parallel_branches_both_become_ready_tasks_and_join(api):
    bpmn = model(
        '<bpmn:parallelGateway id="Split" />'
        '<bpmn:task id="Task_Akte" name="Akte anlegen" />'
        '<bpmn:manualTask id="Task_Brief" name="Brief schreiben" />'
        '<bpmn:parallelGateway id="Join" />'
        '<bpmn:task id="Task_Abschluss" name="Abschließen" />'
        '<bpmn:endEvent id="End_Fertig" name="Fertig" />',
        flows=[
            ("F1", "StartEvent_1", "Split"),
            ("F2a", "Split", "Task_Akte"),
            ("F2b", "Split", "Task_Brief"),
            ("F3a", "Task_Akte", "Join"),
            ("F3b", "Task_Brief", "Join"),
            ("F4", "Join", "Task_Abschluss"),
            ("F5", "Task_Abschluss", "End_Fertig"),
        ],
    )
    services.package_import(file=package(bpmn, case={"expected_end": "End_Fertig"}))
    run = _start(api)
    ready = {t["element"] for t in run["ready_tasks"]}
    assert ready == {"Task_Akte", "Task_Brief"}
    brief = next(t for t in run["ready_tasks"] if t["element"] == "Task_Brief")
    run = _submit(api, run, brief, {})
    # The join waits for the other branch.
    assert [t["element"] for t in run["ready_tasks"]] == ["Task_Akte"]
    run = _submit(api, run, run["ready_tasks"][0], {})
    assert [t["element"] for t in run["ready_tasks"]] == ["Task_Abschluss"]
    run = _submit(api, run, run["ready_tasks"][0], {})
    assert (run["status"], run["end_event"]) == ("finished", "End_Fertig")


def _gateway_model(kind: str, conditions: tuple[str, str], names=("", "")) -> bytes:
    return model(
        '<bpmn:task id="Task_Pruefen" name="Antrag prüfen" />'
        f'<bpmn:{kind} id="Gateway_Art" name="Welche Art?" />'
        '<bpmn:task id="Task_Gross" name="Große Anlage bearbeiten" />'
        '<bpmn:task id="Task_Klein" name="Kleine Anlage bearbeiten" />'
        '<bpmn:endEvent id="End_Gross" name="Groß erledigt" />'
        '<bpmn:endEvent id="End_Klein" name="Klein erledigt" />',
        flows=[
            ("F1", "StartEvent_1", "Task_Pruefen"),
            ("F2", "Task_Pruefen", "Gateway_Art"),
            ("Flow_Gross", "Gateway_Art", "Task_Gross", names[0], conditions[0]),
            ("Flow_Klein", "Gateway_Art", "Task_Klein", names[1], conditions[1]),
            ("F3", "Task_Gross", "End_Gross"),
            ("F4", "Task_Klein", "End_Klein"),
        ],
    )


def _condition(text: str, language: str = "") -> str:
    language = f' language="{language}"' if language else ""
    return (
        f'<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression"{language}>'
        f"{text}</bpmn:conditionExpression>"
    )


CONDITIONS = {
    "none": ("", ""),
    "juel": (_condition("${flaeche &gt; 100}"), _condition("${flaeche &lt;= 100}")),
    "juel-hash": (_condition("#{gross}"), _condition("#{!gross}")),
    "feel-camunda7": (
        _condition("flaeche &gt; 100", "feel"),
        _condition("flaeche &lt;= 100", "feel"),
    ),
    "feel-zeebe": (_condition("=flaeche &gt; 100"), _condition("=flaeche &lt;= 100")),
    "groovy": (
        _condition("flaeche &gt; 100", "groovy"),
        _condition("flaeche &lt;= 100", "groovy"),
    ),
}


@pytest.mark.parametrize("gateway", ["exclusiveGateway", "inclusiveGateway"])
@pytest.mark.parametrize("language", CONDITIONS)
def test_a_gateway_without_a_condition_lotse_evaluates_is_a_choice(
    api, gateway, language
):
    bpmn = _gateway_model(gateway, CONDITIONS[language])
    case = {"choices": {"Gateway_Art": "Flow_Klein"}, "expected_end": "End_Klein"}
    # The foreign conditions would fail on this data: Lotse never evaluates them.
    case["data"] = {"flaeche": "viel"}
    services.package_import(file=package(bpmn, case=case))
    run = _start(api)
    run = _submit(api, run, run["ready_tasks"][0], {})
    choice = run["ready_tasks"][0]
    assert (choice["kind"], choice["element"], choice["name"]) == (
        "choice",
        "Gateway_Art",
        "Welche Art?",
    )
    # Unnamed flows are offered with the names of their targets.
    assert choice["options"] == [
        {"flow": "Flow_Gross", "label": "Große Anlage bearbeiten"},
        {"flow": "Flow_Klein", "label": "Kleine Anlage bearbeiten"},
    ]
    run = _submit(api, run, choice, {"flow": "Flow_Klein"})
    assert run["ready_tasks"][0]["element"] == "Task_Klein"
    run = _submit(api, run, run["ready_tasks"][0], {})
    assert (run["status"], run["end_event"], run["score"]) == (
        "finished",
        "End_Klein",
        100,
    )


def test_python_conditions_of_a_gateway_are_still_evaluated_not_asked(api):
    bpmn = _gateway_model(
        "inclusiveGateway",
        (_condition("flaeche &gt; 100"), _condition("flaeche &lt;= 100")),
    )
    case = {"data": {"flaeche": 40}, "expected_end": "End_Klein"}
    services.package_import(file=package(bpmn, case=case))
    run = _start(api)
    run = _submit(api, run, run["ready_tasks"][0], {})
    assert run["ready_tasks"][0]["element"] == "Task_Klein"
    assert run["ready_tasks"][0]["kind"] == "confirm"


SIMULATED = {
    "serviceTask": '<bpmn:serviceTask id="Auto" name="Register abfragen" '
    'camunda:class="de.stadt.Register" />',
    "sendTask": '<bpmn:sendTask id="Auto" name="Bescheid senden" />',
    "receiveTask": '<bpmn:receiveTask id="Auto" name="Antwort erhalten" />',
    "scriptTask groovy": '<bpmn:scriptTask id="Auto" name="Gebühr rechnen" '
    'scriptFormat="groovy"><bpmn:script>execution.setVariable("x", 1)'
    "</bpmn:script></bpmn:scriptTask>",
    "scriptTask javascript": '<bpmn:scriptTask id="Auto" name="Gebühr rechnen" '
    'scriptFormat="javascript"><bpmn:script>var x = require("fs");</bpmn:script>'
    "</bpmn:scriptTask>",
    "businessRuleTask": '<bpmn:businessRuleTask id="Auto" name="Stufe ermitteln" '
    'camunda:decisionRef="stufe" camunda:resultVariable="stufe" />',
    "businessRuleTask spiff": '<bpmn:businessRuleTask id="Auto" name="Stufe '
    'ermitteln"><bpmn:extensionElements><spiffworkflow:calledDecisionId>stufe'
    "</spiffworkflow:calledDecisionId></bpmn:extensionElements>"
    "</bpmn:businessRuleTask>",
    "callActivity": '<bpmn:callActivity id="Auto" name="Zahlung" '
    'calledElement="zahlung" />',
    "collapsed subProcess": '<bpmn:subProcess id="Auto" name="Akte führen" />',
    "message catch": '<bpmn:intermediateCatchEvent id="Auto" name="Post da">'
    '<bpmn:messageEventDefinition id="D" /></bpmn:intermediateCatchEvent>',
    "message throw": '<bpmn:intermediateThrowEvent id="Auto" name="Post raus">'
    '<bpmn:messageEventDefinition id="D" /></bpmn:intermediateThrowEvent>',
    "timer": '<bpmn:intermediateCatchEvent id="Auto" name="Zwei Wochen">'
    '<bpmn:timerEventDefinition id="D"><bpmn:timeDuration>P14D</bpmn:timeDuration>'
    "</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>",
    "signal catch": '<bpmn:intermediateCatchEvent id="Auto" name="Frei">'
    '<bpmn:signalEventDefinition id="D" /></bpmn:intermediateCatchEvent>',
    "signal throw": '<bpmn:intermediateThrowEvent id="Auto" name="Alle informieren">'
    '<bpmn:signalEventDefinition id="D" /></bpmn:intermediateThrowEvent>',
    "conditional": '<bpmn:intermediateCatchEvent id="Auto" name="Zahlung da">'
    '<bpmn:conditionalEventDefinition id="D"><bpmn:condition '
    'xsi:type="bpmn:tFormalExpression">${bezahlt}</bpmn:condition>'
    "</bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>",
    "none throw": '<bpmn:intermediateThrowEvent id="Auto" name="Meilenstein" />',
    "escalation throw": '<bpmn:intermediateThrowEvent id="Auto" name="Chef fragen">'
    '<bpmn:escalationEventDefinition id="D" /></bpmn:intermediateThrowEvent>',
}


@pytest.mark.parametrize("kind", SIMULATED)
def test_each_step_no_person_plays_completes_by_itself_with_the_case_data(api, kind):
    # What the automatic step produced is read by the next task and decides a
    # later Python condition.
    bpmn = model(
        SIMULATED[kind] + '<bpmn:exclusiveGateway id="Gateway_Stufe" name="Stufe?" />'
        '<bpmn:userTask id="Task_Bescheid" name="Bescheid schreiben" />'
        '<bpmn:task id="Task_Falsch" name="Falscher Weg" />'
        '<bpmn:endEvent id="End_Fertig" name="Fertig" />'
        '<bpmn:endEvent id="End_Falsch" name="Falsch" />',
        flows=[
            ("F1", "StartEvent_1", "Auto"),
            ("F2", "Auto", "Gateway_Stufe"),
            ("F3", "Gateway_Stufe", "Task_Bescheid", "", _condition("stufe == 2")),
            ("F4", "Gateway_Stufe", "Task_Falsch", "", _condition("stufe != 2")),
            ("F5", "Task_Bescheid", "End_Fertig"),
            ("F6", "Task_Falsch", "End_Falsch"),
        ],
    )
    form = {
        "type": "object",
        "properties": {"gebuehr": {"type": "number", "title": "Gebühr in Euro"}},
        "required": ["gebuehr"],
    }
    case = {
        "simulate": {"Auto": {"stufe": 2}},
        "expected": {"Task_Bescheid": {"gebuehr": 60}},
        "expected_end": "End_Fertig",
    }
    tasks = {"Task_Bescheid": {"form": form, "reads": ["stufe"]}}
    services.package_import(file=package(bpmn, case=case, tasks=tasks))
    run = _start(api)
    task = run["ready_tasks"][0]
    assert (task["element"], task["kind"], task["data"]) == (
        "Task_Bescheid",
        "form",
        {"stufe": 2},
    )
    step = run["steps"][0]
    assert (step["element"], step["kind"], step["auto"]) == ("Auto", "automatic", True)
    assert step["label"].startswith("Automatischer Schritt: ")
    run = _submit(api, run, task, {"gebuehr": 60})
    assert (run["status"], run["end_event"], run["score"]) == (
        "finished",
        "End_Fertig",
        100,
    )


START_KINDS = {
    "message": '<bpmn:messageEventDefinition id="D_Start" />',
    "timer": '<bpmn:timerEventDefinition id="D_Start"><bpmn:timeCycle>'
    "R/P1D</bpmn:timeCycle></bpmn:timerEventDefinition>",
    "signal": '<bpmn:signalEventDefinition id="D_Start" />',
    "conditional": '<bpmn:conditionalEventDefinition id="D_Start"><bpmn:condition '
    'xsi:type="bpmn:tFormalExpression">${da}</bpmn:condition>'
    "</bpmn:conditionalEventDefinition>",
}


@pytest.mark.parametrize("kind", START_KINDS)
def test_a_message_or_timer_start_just_starts_the_run(api, kind):
    bpmn = model(
        '<bpmn:task id="Task_Pruefen" name="Antrag prüfen" />'
        '<bpmn:endEvent id="End_Fertig" name="Fertig" />',
        flows=[
            ("F1", "StartEvent_1", "Task_Pruefen"),
            ("F2", "Task_Pruefen", "End_Fertig"),
        ],
        start=START_KINDS[kind],
    )
    services.package_import(file=package(bpmn, case={"expected_end": "End_Fertig"}))
    run = _start(api)
    assert [t["element"] for t in run["ready_tasks"]] == ["Task_Pruefen"]


def test_a_plain_or_manual_task_with_a_form_in_the_sidecar_is_a_form(api):
    form = {
        "type": "object",
        "properties": {"aktenzeichen": {"type": "string", "title": "Aktenzeichen"}},
        "required": ["aktenzeichen"],
    }
    bpmn = model(
        '<bpmn:task id="Task_Pruefen" name="Antrag prüfen" />'
        '<bpmn:manualTask id="Task_Ablegen" name="Akte ablegen" />'
        '<bpmn:endEvent id="End_Fertig" name="Fertig" />',
        flows=[
            ("F1", "StartEvent_1", "Task_Pruefen"),
            ("F2", "Task_Pruefen", "Task_Ablegen"),
            ("F3", "Task_Ablegen", "End_Fertig"),
        ],
    )
    case = {
        "expected": {
            "Task_Pruefen": {"aktenzeichen": "A-1"},
            "Task_Ablegen": {"aktenzeichen": "A-1"},
        },
        "expected_end": "End_Fertig",
    }
    tasks = {"Task_Pruefen": {"form": form}, "Task_Ablegen": {"form": form}}
    services.package_import(file=package(bpmn, case=case, tasks=tasks))
    run = _start(api)
    for element in ("Task_Pruefen", "Task_Ablegen"):
        task = run["ready_tasks"][0]
        assert (task["element"], task["kind"]) == (element, "form")
        assert list(task["form"]["properties"]) == ["aktenzeichen"]
        run = _submit(api, run, task, {"aktenzeichen": "A-1"})
    assert (run["status"], run["score"]) == ("finished", 100)


def test_a_boundary_event_is_kept_for_the_diagram_and_never_fires(api):
    bpmn = model(
        '<bpmn:task id="Task_Pruefen" name="Antrag prüfen" />'
        '<bpmn:boundaryEvent id="Frist" name="Frist" attachedToRef="Task_Pruefen">'
        '<bpmn:timerEventDefinition id="D" /></bpmn:boundaryEvent>'
        '<bpmn:endEvent id="End_Fertig" name="Fertig" />'
        '<bpmn:endEvent id="End_Frist" name="Frist verstrichen" />',
        flows=[
            ("F1", "StartEvent_1", "Task_Pruefen"),
            ("F2", "Task_Pruefen", "End_Fertig"),
            ("F3", "Frist", "End_Frist"),
        ],
    )
    imported = services.package_import(
        file=package(bpmn, case={"expected_end": "End_Fertig"})
    )
    assert imported.import_notes[0].startswith("2 Zusatzangaben von Camunda")
    run = _start(api)
    run = _submit(api, run, run["ready_tasks"][0], {})
    assert (run["status"], run["end_event"]) == ("finished", "End_Fertig")
