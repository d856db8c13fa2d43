"""What the sandbox knows of BPMN as the modelling tools write it: namespaces, which
elements are played, simulated, kept for the diagram or refused, and which tool an
export comes from. Used by ``sandbox.playable`` and the package checks."""

from __future__ import annotations

import re

from lxml import etree

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
SPIFF_NS = "http://spiffworkflow.org/bpmn/schema/1.0/core"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
STANDARD_NAMESPACES = {
    BPMN_NS,
    "http://www.omg.org/spec/BPMN/20100524/DI",
    "http://www.omg.org/spec/DD/20100524/DC",
    "http://www.omg.org/spec/DD/20100524/DI",
    XSI_NS,
    "http://www.w3.org/XML/1998/namespace",
}
# Spiff extensions that Lotse evaluates itself (safely); every other extension is
# kept for the diagram and never read.
SPIFF_EXTENSIONS_USED = {"calledDecisionId", "preScript", "postScript"}

CHOICE_NAME = "lotse_weg"
CHOICE_SUFFIX = "__lotse_wahl"

PLAYED = {"userTask", "task", "manualTask"}
TASKS_SIMULATED = {
    "serviceTask",
    "sendTask",
    "receiveTask",
    "callActivity",
}
SUBPROCESSES = {"subProcess", "transaction", "adHocSubProcess"}
EVENTS_SIMULATED = {"intermediateCatchEvent", "intermediateThrowEvent"}
CHOICE_GATEWAYS = {"exclusiveGateway", "inclusiveGateway"}
KEPT_NODES = {
    "startEvent",
    "endEvent",
    "parallelGateway",
    "sequenceFlow",
    "scriptTask",
    "businessRuleTask",
}
# BPMN elements that only describe (kept for the diagram, never executed).
DESCRIPTIVE = {
    "documentation",
    "dataObject",
    "dataObjectReference",
    "dataStore",
    "dataStoreReference",
    "dataInputAssociation",
    "dataOutputAssociation",
    "ioSpecification",
    "property",
    "textAnnotation",
    "association",
    "group",
    "category",
    "messageFlow",
    "boundaryEvent",
}
REFUSED_NODES = {"complexGateway"}
# JUEL (Camunda 7, Activiti, Flowable): ${…} or #{…}; FEEL in Camunda 8 (Zeebe)
# writes no language and starts the expression with "=".
FOREIGN_LANGUAGE = re.compile(r"^\s*(?:[$#]\{.*\}|=.*)\s*$", re.DOTALL)

# Namespace or exporter fragments → the tool's name in the note.
TOOLS = (
    ("signavio", "Signavio"),
    ("bizagi", "Bizagi"),
    ("camunda", "Camunda"),
    ("zeebe", "Camunda"),
    ("spiffworkflow", "SpiffArena"),
    ("spiffarena", "SpiffArena"),
    ("bpmn-js", "bpmn.io"),
    ("bpmn.io", "bpmn.io"),
    ("activiti", "Activiti"),
    ("flowable", "Flowable"),
    ("adonis", "ADONIS"),
)


def qualified(name: str) -> str:
    return f"{{{BPMN_NS}}}{name}"


def local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def namespace_of(element) -> str:
    return etree.QName(element).namespace or "" if isinstance(element.tag, str) else ""


def tool_of(text: str) -> str | None:
    text = (text or "").lower()
    for fragment, tool in TOOLS:
        if fragment in text:
            return tool
    return None


def element_label(element) -> str:
    """How a message names an element: „name“ (id), or „id“ without a name."""
    name = (element.get("name") or "").strip()
    element_id = element.get("id") or "?"
    if name and name != element_id:
        return f"„{name}“ ({element_id})"
    return f"„{element_id}“"


def is_foreign_condition(condition, document_language: str) -> bool:
    """A condition in a language Lotse never evaluates (JUEL, FEEL, Groovy, …)."""
    language = (condition.get("language") or document_language or "").lower()
    if language and "python" not in language and "xpath" not in language:
        return True
    text = condition.text or ""
    return bool(FOREIGN_LANGUAGE.match(text))
