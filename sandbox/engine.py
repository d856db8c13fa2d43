"""Adapter around SpiffWorkflow: parse definitions, run workflows, store state.

Nothing else in Lotse imports SpiffWorkflow. The adapter

* evaluates conditions, scripts and DMN cells only through ``sandbox.expressions``
  (whitelist checked again at every evaluation, no builtins);
* caches parsed definitions per package content in-process (parsing with XSD
  validation costs milliseconds, a run restores it many times);
* serialises only the state of a workflow, never the embedded definition.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.utils.translation import gettext as _
from lxml import etree
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment
from SpiffWorkflow.bpmn.serializer.default.workflow import BpmnWorkflowConverter
from SpiffWorkflow.bpmn.serializer.workflow import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.specs.mixins.events.end_event import EndEvent
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.spiff.parser.process import VALIDATOR, SpiffBpmnParser
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from SpiffWorkflow.util.task import TaskState

from . import bpmn_vocabulary as vocabulary
from . import engine_messages, expressions, playable

MAX_ENGINE_STEPS = 200

# SpiffWorkflow logs every state change at INFO; a sandbox run is not worth that.
logging.getLogger("spiff").setLevel(logging.WARNING)


class EngineError(Exception):
    """The process cannot continue; ``args[0]`` is a message for the trainee."""


class SafeEnvironment(TaskDataEnvironment):
    """Evaluates only whitelisted expressions, with no builtins; scripts are
    sequences of safe assignments and are interpreted, never ``exec``-uted."""

    def evaluate(self, expression, context, external_context=None):
        names = dict(context)
        names.update(external_context or {})
        return expressions.evaluate(expression, names)

    def execute(self, script, context, external_context=None):
        names = dict(context)
        names.update(external_context or {})
        before = set(names)
        expressions.run_script(script, names)
        for key, value in names.items():
            if key not in before or context.get(key) is not value:
                if external_context is None or key not in external_context:
                    context[key] = value
        return True

    def call_service(self, context, **kwargs):
        raise expressions.UnsafeExpression(
            _("Dienstaufrufe sind in Übungsräumen nicht erlaubt.")
        )


class SafeScriptEngine(PythonScriptEngine):
    def __init__(self):
        super().__init__(environment=SafeEnvironment())


SCRIPT_ENGINE = SafeScriptEngine()


class StateOnlyWorkflowConverter(BpmnWorkflowConverter):
    """Serialises a workflow without its definition; restores it onto a cached one."""

    def to_dict(self, workflow):
        dct = super(BpmnWorkflowConverter, self).to_dict(workflow)
        dct["subprocesses"] = self.mapping_to_dict(workflow.subprocesses)
        dct["bpmn_events"] = self.registry.convert(workflow.bpmn_events)
        return dct

    def from_dict(self, dct, spec=None, subprocess_specs=None):
        workflow = self.target_class(spec, subprocess_specs, deserializing=True)
        workflow.tasks = self.mapping_from_dict(dct["tasks"], UUID, workflow=workflow)
        workflow.task_tree = workflow.tasks.get(UUID(dct["root"]))
        self.set_default_attributes(workflow, dct)
        self.subprocesses_from_dict(dct["subprocesses"], workflow)
        workflow.bpmn_events = self.registry.restore(dct.pop("bpmn_events", []))
        return workflow


_CONFIG = dict(SPIFF_CONFIG)
_CONFIG[BpmnWorkflow] = StateOnlyWorkflowConverter
_SERIALIZER = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(_CONFIG))


@dataclass(frozen=True)
class Element:
    """A BPMN flow element as the UI and the scoring need it."""

    id: str
    kind: str  # userTask, endEvent, exclusiveGateway, ...
    name: str
    lane: str | None


@dataclass
class Definition:
    """A parsed, executable process definition (cached per package content)."""

    process_id: str
    spec: Any
    subprocess_specs: dict
    elements: dict[str, Element] = field(default_factory=dict)
    lanes: list[str] = field(default_factory=list)
    # What each element is in the sandbox (see ``playable``): form, confirm,
    # choice, auto, auto_choice; the gateways' options; choice step → gateway.
    roles: dict[str, str] = field(default_factory=dict)
    options: dict[str, list[dict]] = field(default_factory=dict)
    choice_steps: dict[str, str] = field(default_factory=dict)
    lane_of: dict[str, str] = field(default_factory=dict)

    def element_name(self, element_id: str | None) -> str:
        element_id = self.choice_steps.get(element_id or "", element_id)
        element = self.elements.get(element_id or "")
        return (element.name or element.id) if element else (element_id or "")

    def role(self, element_id: str) -> str:
        return self.roles.get(element_id, "")

    def lane_of_step(self, element_id: str) -> str | None:
        """The lane of a played element (a choice: the lane of its step)."""
        lane = self.lane_of.get(element_id)
        if lane is None:
            lane = self.lane_of.get(element_id + vocabulary.CHOICE_SUFFIX)
        return lane

    def step_element(self, element_id: str) -> str:
        """The BPMN element a step stands for (a choice step: its gateway)."""
        return self.choice_steps.get(element_id, element_id)


BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"


def safe_xml_parser() -> etree.XMLParser:
    """An lxml parser that never resolves entities, loads DTDs or uses the network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
    )


def parse_xml(text: str | bytes) -> etree._Element:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return etree.fromstring(data, parser=safe_xml_parser())


def _elements_of(bpmn_root: etree._Element, process_id: str, lane_of: dict) -> dict:
    ns = {"bpmn": BPMN_NS}
    process = bpmn_root.find(f"bpmn:process[@id='{process_id}']", ns)
    elements: dict[str, Element] = {}
    if process is None:
        return elements
    for child in process:
        if not isinstance(child.tag, str):
            continue
        kind = etree.QName(child).localname
        element_id = child.get("id")
        if not element_id or kind in ("laneSet",):
            continue
        elements[element_id] = Element(
            id=element_id,
            kind=kind,
            name=child.get("name") or "",
            lane=lane_of.get(element_id),
        )
    return elements


def build_definition(
    *, process_id: str, bpmn_root: etree._Element, dmn_root: etree._Element | None
) -> Definition:
    """Make the model playable (``playable``), then parse (and XSD-validate) it
    and the DMN into an executable definition.

    Raises ``EngineError`` with a German message for the trainer.
    """
    model = playable.make_playable(
        bpmn_root, process_id, has_decisions=dmn_root is not None
    )
    if model.tree is None:
        raise EngineError(
            _("Der Prozess „%(process)s“ kommt in process.bpmn nicht vor.")
            % {"process": process_id}
        )
    parser = SpiffBpmnParser(validator=VALIDATOR)
    try:
        parser.add_bpmn_xml(model.tree, filename="process.bpmn")
    except ValidationException as exc:
        raise EngineError(
            engine_messages.schema_error(
                "process.bpmn", exc.args[0] if exc.args else "", exc.line_number
            )
        ) from None
    except Exception as exc:  # the parser raises many kinds for broken models
        raise EngineError(engine_messages.parser_error(exc)) from None
    if dmn_root is not None:
        try:
            parser.add_dmn_xml(dmn_root, filename="decisions.dmn")
        except ValidationException as exc:
            raise EngineError(
                engine_messages.schema_error(
                    "decisions.dmn", exc.args[0] if exc.args else "", exc.line_number
                )
            ) from None
    try:
        spec = parser.get_spec(process_id)
        subprocess_specs = parser.get_subprocess_specs(process_id)
    except Exception as exc:  # the parser raises many kinds for broken models
        raise EngineError(engine_messages.parser_error(exc)) from None
    return Definition(
        process_id=process_id,
        spec=spec,
        subprocess_specs=subprocess_specs,
        elements=_elements_of(bpmn_root, process_id, model.lane_of),
        lanes=model.lanes,
        roles=model.roles,
        options=model.options,
        choice_steps=model.choice_steps,
        lane_of=model.lane_of,
    )


_cache: dict[str, Definition] = {}
_cache_lock = threading.Lock()
_CACHE_SIZE = 64


def definition_cached(key: str, load) -> Definition:
    """The definition cached under ``key``; ``load()`` returns ``(process_id, bpmn,
    dmn)`` and is only called (and the XML only fetched) on a miss."""
    definition = _cache.get(key)
    if definition is None:
        process_id, bpmn, dmn = load()
        definition = build_definition(
            process_id=process_id,
            bpmn_root=parse_xml(bpmn),
            dmn_root=parse_xml(dmn) if dmn else None,
        )
        with _cache_lock:
            if len(_cache) >= _CACHE_SIZE:
                _cache.pop(next(iter(_cache)))
            _cache[key] = definition
    return definition


def definition_for(*, process_id: str, bpmn: str, dmn: str = "") -> Definition:
    """The parsed definition for this package content, parsed once per process."""
    key = hashlib.sha256(
        "\0".join((process_id, bpmn, dmn or "")).encode("utf-8")
    ).hexdigest()
    return definition_cached(key, lambda: (process_id, bpmn, dmn))


def _explain(exc: Exception) -> EngineError:
    """An EngineError that explains in German what the engine raised."""
    return EngineError(engine_messages.run_error(exc))


def _advance(workflow: BpmnWorkflow) -> None:
    try:
        workflow.do_engine_steps()
    except Exception as exc:
        raise _explain(exc) from None


def workflow_start(definition: Definition, data: dict) -> BpmnWorkflow:
    """A new workflow with ``data`` as initial process data, run to the first
    task that waits for a person."""
    try:
        workflow = BpmnWorkflow(
            definition.spec, definition.subprocess_specs, script_engine=SCRIPT_ENGINE
        )
    except Exception as exc:  # e.g. a start the engine cannot connect
        raise _explain(exc) from None
    for task in workflow.get_tasks(state=TaskState.READY):
        task.data.update(_copy(data))
    _advance(workflow)
    return workflow


def _copy(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _copy(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_copy(v) for v in data]
    return data


def ready_tasks(workflow: BpmnWorkflow) -> list:
    return workflow.get_tasks(state=TaskState.READY, manual=True)


def task_complete(workflow: BpmnWorkflow, task, values: dict) -> None:
    """Put ``values`` into the task's data, complete it and advance the process."""
    task.data.update(_copy(values))
    try:
        task.run()
    except Exception as exc:
        raise _explain(exc) from None
    _advance(workflow)


def find_ready_task(workflow: BpmnWorkflow, task_id: str):
    """The ready manual task with this UUID or BPMN element id, or ``None``."""
    for task in ready_tasks(workflow):
        if str(task.id) == task_id or task.task_spec.bpmn_id in (
            task_id,
            task_id + vocabulary.CHOICE_SUFFIX,
        ):
            return task
    return None


def task_by_id(workflow: BpmnWorkflow, task_id: str):
    try:
        return workflow.get_task_from_id(UUID(task_id))
    except Exception:
        return None


def reset_to_task(workflow: BpmnWorkflow, task_id: str) -> None:
    """Rewind so that the task with this id is ready again."""
    workflow.reset_from_task_id(UUID(task_id))
    _advance(workflow)


def is_finished(workflow: BpmnWorkflow) -> bool:
    return workflow.is_completed()


def end_event_reached(workflow: BpmnWorkflow) -> str | None:
    for task in workflow.get_tasks(state=TaskState.COMPLETED):
        if isinstance(task.task_spec, EndEvent) and task.task_spec.bpmn_id:
            return task.task_spec.bpmn_id
    return None


def completed_elements(workflow: BpmnWorkflow) -> list[str]:
    return [
        task.task_spec.bpmn_id
        for task in workflow.get_tasks(state=TaskState.COMPLETED)
        if task.task_spec.bpmn_id
    ]


def process_data(workflow: BpmnWorkflow) -> dict:
    """The process data as it stands (final data once completed)."""
    if workflow.is_completed() and workflow.last_task is not None:
        return workflow.last_task.data
    tasks = ready_tasks(workflow)
    if tasks:
        return tasks[0].data
    return workflow.data


def state_dump(workflow: BpmnWorkflow) -> str:
    """The state of a workflow as JSON text, without its definition."""
    return json.dumps(_SERIALIZER.to_dict(workflow), separators=(",", ":"))


def state_load(definition: Definition, state: str) -> BpmnWorkflow:
    """Restore a workflow from ``state_dump`` output onto its cached definition."""
    workflow = _SERIALIZER.registry.restore(
        json.loads(state),
        spec=definition.spec,
        subprocess_specs=definition.subprocess_specs,
    )
    workflow.script_engine = SCRIPT_ENGINE
    return workflow
