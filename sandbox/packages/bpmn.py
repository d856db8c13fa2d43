"""Checks of process.bpmn: supported elements, named lanes, safe expressions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from lxml import etree

from .. import engine, expressions
from .findings import Findings
from .xml_members import local_name

NS = {"bpmn": engine.BPMN_NS}
PROCESS_ID = re.compile(r"^[A-Za-z_][\w.-]*$")

# Flow elements a sandbox process may contain; anything else is refused.
ALLOWED_FLOW_ELEMENTS = {
    "startEvent",
    "endEvent",
    "userTask",
    "task",
    "manualTask",
    "scriptTask",
    "businessRuleTask",
    "exclusiveGateway",
    "parallelGateway",
    "sequenceFlow",
    "laneSet",
    "textAnnotation",
    "association",
    "documentation",
    "extensionElements",
}
ALLOWED_NODE_CHILDREN = {
    "incoming",
    "outgoing",
    "documentation",
    "extensionElements",
    "conditionExpression",
    "script",
    "text",
    "terminateEventDefinition",
}
ALLOWED_EXTENSIONS = {"calledDecisionId", "preScript", "postScript"}


@dataclass
class ProcessInfo:
    """What the later checks need to know about the process."""

    user_tasks: dict[str, dict] = field(default_factory=dict)  # id → name, lane
    end_events: dict[str, str] = field(default_factory=dict)  # id → name
    decision_refs: dict[str, str] = field(default_factory=dict)  # task → decision
    script_names: set[str] = field(default_factory=set)


def find_process(
    bpmn_root: etree._Element, process_id: object
) -> tuple[etree._Element | None, Findings]:
    """The process that sandbox.json names."""
    if not isinstance(process_id, str):
        return None, []
    process = (
        bpmn_root.find(f"bpmn:process[@id='{process_id}']", NS)
        if PROCESS_ID.match(process_id)
        else None
    )
    if process is None:
        return None, [
            _(
                "Der Prozess „%(process)s“ aus sandbox.json kommt in process.bpmn "
                "nicht vor."
            )
            % {"process": process_id}
        ]
    return process, []


def check_process(
    process: etree._Element, manifest_lanes: dict
) -> tuple[ProcessInfo, Findings]:
    """Walk the process: named lanes that match sandbox.json, supported elements
    and safe expressions, at least one end event."""
    lane_of, lane_names, findings = check_lanes(process, manifest_lanes)
    info = ProcessInfo()
    for node in process:
        findings += _check_node(node, lane_of, bool(lane_names), info)
    if not lane_names:
        findings.append(_("Der Prozess hat keine benannten Bahnen (Lanes)."))
    if not info.end_events:
        findings.append(_("Der Prozess hat kein Endereignis."))
    return info, findings


def check_lanes(
    process: etree._Element, manifest_lanes: dict
) -> tuple[dict[str, str], list[str], Findings]:
    """The lane of each flow node, the lane names, and what is wrong with them."""
    findings: Findings = []
    lane_names: list[str] = []
    lane_of: dict[str, str] = {}
    for lane in process.iterfind(".//bpmn:lane", NS):
        name = (lane.get("name") or "").strip()
        if not name:
            findings.append(
                _("Die Bahn (Lane) „%(lane)s“ hat keinen Namen.")
                % {"lane": lane.get("id")}
            )
            continue
        lane_names.append(name)
        for ref in lane.iterfind("bpmn:flowNodeRef", NS):
            lane_of[(ref.text or "").strip()] = name
        if lane.find("bpmn:childLaneSet", NS) is not None:
            findings.append(
                _(
                    "Die Bahn „%(lane)s“ enthält Unterbahnen; das wird nicht unterstützt."
                )
                % {"lane": name}
            )
    findings += [
        _("Die Bahn „%(lane)s“ fehlt in sandbox.json unter „lanes“.") % {"lane": name}
        for name in lane_names
        if name not in manifest_lanes
    ]
    findings += [
        _("sandbox.json nennt die Bahn „%(lane)s“, die es im Prozess nicht gibt.")
        % {"lane": name}
        for name in manifest_lanes
        if name not in lane_names
    ]
    return lane_of, lane_names, findings


def _check_node(
    node: etree._Element, lane_of: dict[str, str], has_lanes: bool, info: ProcessInfo
) -> Findings:
    kind = local_name(node)
    if not kind:
        return []
    node_id = node.get("id") or "?"
    label = node.get("name") or node_id
    if kind not in ALLOWED_FLOW_ELEMENTS:
        return [
            _(
                "Das Element „%(element)s“ (%(kind)s) wird in Übungsräumen nicht "
                "unterstützt."
            )
            % {"element": label, "kind": kind}
        ]
    findings = _check_children(node, kind, node_id, label, info)
    if kind == "sequenceFlow":
        condition = node.find("bpmn:conditionExpression", NS)
        if condition is not None:
            try:
                expressions.check_expression(condition.text or "")
            except expressions.UnsafeExpression as exc:
                findings.append(
                    _("Die Bedingung am Fluss „%(flow)s“ ist nicht erlaubt: %(reason)s")
                    % {"flow": label, "reason": exc}
                )
    elif kind == "scriptTask":
        script = node.find("bpmn:script", NS)
        findings += check_script(script.text if script is not None else "", label, info)
    elif kind in ("userTask", "manualTask"):
        if node_id not in lane_of and has_lanes:
            findings.append(
                _("Die Aufgabe „%(task)s“ liegt in keiner Bahn.") % {"task": label}
            )
        info.user_tasks[node_id] = {"name": label, "lane": lane_of.get(node_id)}
    elif kind == "endEvent":
        info.end_events[node_id] = label
    elif kind == "businessRuleTask" and node_id not in info.decision_refs:
        findings.append(
            _(
                "Die Regelaufgabe „%(task)s“ nennt keine Entscheidungstabelle "
                "(spiffworkflow:calledDecisionId)."
            )
            % {"task": label}
        )
    return findings


def _check_children(
    node: etree._Element, kind: str, node_id: str, label: str, info: ProcessInfo
) -> Findings:
    """Supported children and Spiff extensions; notes decision references."""
    findings: Findings = []
    for child in node:
        child_kind = local_name(child)
        if not child_kind:
            continue
        if child_kind not in ALLOWED_NODE_CHILDREN and kind not in (
            "laneSet",
            "textAnnotation",
        ):
            findings.append(
                _(
                    "„%(element)s“ enthält „%(child)s“; das wird in Übungsräumen "
                    "nicht unterstützt."
                )
                % {"element": label, "child": child_kind}
            )
        if child_kind != "extensionElements":
            continue
        for extension in child:
            ext_kind = local_name(extension)
            if not ext_kind:
                continue
            if ext_kind not in ALLOWED_EXTENSIONS:
                findings.append(
                    _(
                        "„%(element)s“ enthält die Erweiterung „%(extension)s“; sie "
                        "wird nicht unterstützt."
                    )
                    % {"element": label, "extension": ext_kind}
                )
            elif ext_kind in ("preScript", "postScript"):
                findings += check_script(extension.text or "", label, info)
            elif ext_kind == "calledDecisionId":
                info.decision_refs[node_id] = (extension.text or "").strip()
    return findings


def check_script(text: str, label: str, info: ProcessInfo) -> Findings:
    """A script must be safe assignments; notes the names it assigns."""
    try:
        for name, _expression in expressions.parse_script(text):
            info.script_names.add(name)
    except expressions.UnsafeExpression as exc:
        return [
            _("Das Skript in „%(element)s“ ist nicht erlaubt: %(reason)s")
            % {"element": label, "reason": exc}
        ]
    return []
