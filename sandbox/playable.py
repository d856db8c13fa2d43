"""A real model from a modelling tool, made playable.

Towns model their processes in Camunda, Signavio, Bizagi, bpmn.io or SpiffArena.
A sandbox plays the people's steps and simulates everything else; it never
executes a foreign script or expression. ``make_playable`` reads the stored BPMN
(kept unchanged for the diagram) and writes, for the engine only, a copy that

* drops vendor extensions, documentation, data objects and stores, annotations,
  groups, other pools and message flows (each counted for the import's note);
* turns every step no person plays (service, send, receive, foreign script
  tasks, business-rule tasks without a decision in the package, call
  activities, subprocesses, intermediate events) into a
  plain task that the adapter completes by itself with the case's ``simulate`` data;
* puts a choice step in front of every gateway whose conditions Lotse cannot
  evaluate (none, or JUEL/FEEL): its outgoing flows then test ``CHOICE_NAME``;
* flattens nested lanes (the innermost lane is the lane) and strips event
  definitions that would make the engine wait for the outside world.

What cannot be simulated meaningfully is reported as ``problems``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from lxml import etree

from sandbox import playable_flows
from sandbox.bpmn_vocabulary import (
    CHOICE_GATEWAYS,
    CHOICE_NAME,
    CHOICE_SUFFIX,
    DESCRIPTIVE,
    EVENTS_SIMULATED,
    PLAYED,
    REFUSED_NODES,
    SPIFF_EXTENSIONS_USED,
    SPIFF_NS,
    STANDARD_NAMESPACES,
    SUBPROCESSES,
    TASKS_SIMULATED,
    element_label,
    is_foreign_condition,
    local,
    namespace_of,
    qualified,
    tool_of,
)


@dataclass
class Playable:
    """The engine's copy of a process and what each element is in the sandbox."""

    tree: etree._Element | None
    # element id → "form" | "confirm" | "choice" | "auto" | "auto_choice"
    roles: dict[str, str] = field(default_factory=dict)
    # gateway id → [{"flow": id, "label": text}]
    options: dict[str, list[dict]] = field(default_factory=dict)
    # the choice step in front of a gateway → the gateway
    choice_steps: dict[str, str] = field(default_factory=dict)
    lane_of: dict[str, str] = field(default_factory=dict)
    lanes: list[str] = field(default_factory=list)
    unnamed_lanes: list[str] = field(default_factory=list)
    ignored: dict[str, int] = field(default_factory=dict)  # tool → count
    problems: list[str] = field(default_factory=list)

    def gateway_of(self, element_id: str) -> str:
        return self.choice_steps.get(element_id, element_id)


class _Counter:
    def __init__(self, root):
        self.main = tool_of(root.get("exporter") or "")
        if self.main is None:
            tools = {
                tool_of(ns or "")
                for ns in root.nsmap.values()
                if ns not in STANDARD_NAMESPACES
            } - {None}
            self.main = tools.pop() if len(tools) == 1 else None
        self.counts: dict[str, int] = {}

    def add(self, tool: str | None, count: int = 1) -> None:
        key = tool or self.main or ""
        self.counts[key] = self.counts.get(key, 0) + count

    def foreign(self, namespace: str) -> None:
        self.add(tool_of(namespace) or self.main)


def _strip_foreign(root, counter: _Counter) -> None:
    """Remove every element and attribute outside BPMN/DI (counted by tool),
    keeping the Spiff extensions Lotse evaluates."""
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            if element.getparent() is not None:
                element.getparent().remove(element)
            continue
        namespace = namespace_of(element)
        if namespace not in STANDARD_NAMESPACES:
            if namespace == SPIFF_NS and local(element) in SPIFF_EXTENSIONS_USED:
                continue
            parent = element.getparent()
            if parent is not None and namespace_of(parent) in STANDARD_NAMESPACES:
                counter.foreign(namespace)
                parent.remove(element)
            continue
        for attribute in list(element.attrib):
            namespace = etree.QName(attribute).namespace
            if namespace and namespace not in STANDARD_NAMESPACES:
                counter.foreign(namespace)
                del element.attrib[attribute]
    # extensionElements left empty are harmless; remove them for a clean schema.
    for extension in list(root.iter(qualified("extensionElements"))):
        if len(extension) == 0:
            extension.getparent().remove(extension)


def _contains_played(node) -> bool:
    return any(local(child) in PLAYED for child in node.iter())


def _flow_label(flow, nodes: dict) -> str:
    name = (flow.get("name") or "").strip()
    if name:
        return name
    target = nodes.get(flow.get("targetRef") or "")
    if target is not None and (target.get("name") or "").strip():
        return target.get("name").strip()
    return flow.get("id") or ""


def make_playable(bpmn_root, process_id: str, *, has_decisions: bool) -> Playable:
    """The engine's copy of ``process_id`` and the sandbox role of each element.

    ``has_decisions``: the package has decisions.dmn; without it, every
    business-rule task is simulated."""
    root = copy.deepcopy(bpmn_root)
    counter = _Counter(root)
    result = Playable(tree=None)
    process = None
    for child in list(root):
        kind = local(child)
        if kind == "process" and child.get("id") == process_id:
            process = child
        elif kind == "process":
            root.remove(child)  # another pool's process, counted with its pool
        elif kind in ("collaboration", "BPMNDiagram"):
            counter.add(None, len(child.findall(f".//{qualified('messageFlow')}")))
            others = [
                p
                for p in child.findall(qualified("participant"))
                if p.get("processRef") != process_id
            ]
            counter.add(None, len(others))  # other pools
            root.remove(child)
        elif kind in ("dataStore", "category"):
            counter.add(None)
            root.remove(child)
    _strip_foreign(root, counter)
    if process is None:
        result.ignored = {k: v for k, v in counter.counts.items() if v}
        return result
    if process.get("isExecutable") == "false":
        counter.add(None)
    if process.get("isExecutable") in (None, "false"):
        process.set("isExecutable", "true")
    _flatten_lanes(process, result, counter)
    document_language = bpmn_root.get("expressionLanguage") or ""
    _convert_nodes(process, result, counter, document_language, has_decisions)
    result.ignored = {k: v for k, v in counter.counts.items() if v}
    result.tree = root
    return result


def _flatten_lanes(process, result: Playable, counter: _Counter) -> None:
    """One lane set with the innermost lanes; empty child lane sets dropped."""
    lane_sets = process.findall(qualified("laneSet"))
    if not lane_sets:
        return
    lane_ids: dict[str, list[str]] = {}
    for lane in process.iter(qualified("lane")):
        name = (lane.get("name") or "").strip()
        refs = [(r.text or "").strip() for r in lane.findall(qualified("flowNodeRef"))]
        child_set = lane.find(qualified("childLaneSet"))
        if child_set is not None and len(child_set.findall(qualified("lane"))) == 0:
            counter.add(None)  # an empty child lane set
        inner = child_set is not None and child_set.find(qualified("lane")) is not None
        if inner:
            continue  # its nodes belong to the inner lanes
        if not name:
            result.unnamed_lanes.append(lane.get("id") or "?")
            continue
        if name not in lane_ids:
            lane_ids[name] = []
            result.lanes.append(name)
        for ref in refs:
            if ref:
                lane_ids[name].append(ref)
                result.lane_of[ref] = name
    for lane_set in lane_sets:
        process.remove(lane_set)
    if not lane_ids:
        return
    lane_set = etree.Element(qualified("laneSet"), id=f"{process.get('id')}__lanes")
    for index, (name, refs) in enumerate(lane_ids.items()):
        lane = etree.SubElement(lane_set, qualified("lane"), id=f"lotse_lane_{index}")
        lane.set("name", name)
        for ref in refs:
            etree.SubElement(lane, qualified("flowNodeRef")).text = ref
    process.insert(0, lane_set)


def _as_task(node, kind: str = "task") -> None:
    """Replace ``node`` in place by a plain task keeping id, name and flows."""
    keep = [c for c in node if local(c) in ("incoming", "outgoing")]
    for child in list(node):
        node.remove(child)
    for attribute in list(node.attrib):
        if attribute not in ("id", "name"):
            del node.attrib[attribute]
    node.tag = qualified(kind)
    for child in keep:
        node.append(child)


def _convert_nodes(  # noqa: C901 - one branch per kind of element
    process,
    result: Playable,
    counter: _Counter,
    document_language: str,
    has_decisions: bool,
) -> None:
    nodes = {c.get("id"): c for c in process if c.get("id")}
    flows = [c for c in process if local(c) == "sequenceFlow"]
    outgoing: dict[str, list] = {}
    for flow in flows:
        outgoing.setdefault(flow.get("sourceRef") or "", []).append(flow)
    removed: set[str] = set()
    links: dict[str, list] = {"catch": [], "throw": []}
    for node in process:
        link = node.find(qualified("linkEventDefinition"))
        if link is not None and local(node) in EVENTS_SIMULATED:
            side = "catch" if local(node) == "intermediateCatchEvent" else "throw"
            name = link.get("name") or node.get("name") or ""
            entry = [node.get("id")] if side == "catch" else node.get("id")
            links[side].append((name, entry))
    for node in list(process):
        kind = local(node)
        node_id = node.get("id") or ""
        if kind in DESCRIPTIVE:
            counter.add(None)
            process.remove(node)
            removed.add(node_id)
            continue
        for child in list(node):
            if local(child) in DESCRIPTIVE:
                counter.add(None)
                node.remove(child)
        if kind in PLAYED:
            result.roles[node_id] = "form" if kind == "userTask" else "confirm"
        elif kind in TASKS_SIMULATED or kind in EVENTS_SIMULATED:
            result.roles[node_id] = "auto"
            _as_task(node)
        elif kind in SUBPROCESSES:
            if _contains_played(node):
                result.problems.append(
                    _(
                        "Der Teilprozess %(element)s enthält eigene Schritte von "
                        "Personen; das kann der Übungsraum nicht nachspielen. Bitte "
                        "ziehen Sie diese Schritte in den Hauptprozess."
                    )
                    % {"element": element_label(node)}
                )
            result.roles[node_id] = "auto"
            _as_task(node)
        elif kind == "scriptTask":
            language = (node.get("scriptFormat") or "python").lower()
            if "python" not in language:
                result.roles[node_id] = "auto"
                _as_task(node)
        elif kind == "businessRuleTask":
            decision = node.find(f".//{{{SPIFF_NS}}}calledDecisionId")
            if decision is None or not has_decisions:
                result.roles[node_id] = "auto"
                _as_task(node)
        elif kind == "startEvent":
            _strip_definitions(node, keep=())
        elif kind == "endEvent":
            _strip_definitions(node, keep=("terminateEventDefinition",))
        elif kind == "eventBasedGateway":
            _choice_step(process, node, outgoing, nodes, result, automatic=True)
        elif kind in CHOICE_GATEWAYS:
            out = outgoing.get(node_id, [])
            if len(out) > 1 and _needs_choice(node, out, document_language):
                _choice_step(process, node, out, nodes, result, automatic=False)
            else:
                for flow in out:
                    _drop_foreign_condition(flow, document_language)
        elif kind in REFUSED_NODES:
            result.problems.append(
                _(
                    "Das Element %(element)s (%(kind)s) kann der Übungsraum nicht "
                    "nachspielen. Bitte ersetzen Sie es durch eine exklusive oder "
                    "parallele Verzweigung."
                )
                % {"element": element_label(node), "kind": kind}
            )
    for flow in flows:
        if flow.get("sourceRef") in removed or flow.get("targetRef") in removed:
            if flow.getparent() is not None:
                process.remove(flow)
    playable_flows.link_events(process, links)
    playable_flows.implicit_splits(process, result.lane_of)


def _strip_definitions(node, keep: tuple[str, ...]) -> None:
    for child in list(node):
        if local(child).endswith("EventDefinition") and local(child) not in keep:
            node.remove(child)


def _needs_choice(gateway, out: list, document_language: str) -> bool:
    default = gateway.get("default")
    for flow in out:
        if flow.get("id") == default:
            continue
        condition = flow.find(qualified("conditionExpression"))
        if condition is None or not (condition.text or "").strip():
            return True
        if is_foreign_condition(condition, document_language):
            return True
    return False


def _drop_foreign_condition(flow, document_language: str) -> None:
    condition = flow.find(qualified("conditionExpression"))
    if condition is not None and is_foreign_condition(condition, document_language):
        flow.remove(condition)


def _choice_step(process, gateway, out, nodes, result: Playable, *, automatic: bool):
    """Put a step in front of ``gateway`` that sets ``CHOICE_NAME``; the gateway's
    flows test it. ``automatic``: the case decides (event-based gateway)."""
    gateway_id = gateway.get("id") or ""
    if not isinstance(out, list):
        out = out.get(gateway_id, [])
    step_id = gateway_id + CHOICE_SUFFIX
    result.roles[gateway_id] = "auto_choice" if automatic else "choice"
    result.roles[step_id] = result.roles[gateway_id]
    result.choice_steps[step_id] = gateway_id
    result.options[gateway_id] = [
        {"flow": flow.get("id"), "label": _flow_label(flow, nodes)} for flow in out
    ]
    incoming = [c for c in gateway if local(c) == "incoming"]
    step = etree.Element(
        qualified("manualTask" if not automatic else "task"), id=step_id
    )
    if gateway.get("name"):
        step.set("name", gateway.get("name"))
    for child in incoming:
        gateway.remove(child)
        etree.SubElement(step, qualified("incoming")).text = child.text
    link_id = step_id + "_flow"
    etree.SubElement(step, qualified("outgoing")).text = link_id
    gateway.insert(0, etree.Element(qualified("incoming")))
    gateway[0].text = link_id
    for flow in process.findall(qualified("sequenceFlow")):
        if flow.get("targetRef") == gateway_id:
            flow.set("targetRef", step_id)
    process.append(step)
    etree.SubElement(
        process,
        qualified("sequenceFlow"),
        id=link_id,
        sourceRef=step_id,
        targetRef=gateway_id,
    )
    if gateway.get("default") is not None:
        del gateway.attrib["default"]
    if local(gateway) == "eventBasedGateway":
        gateway.tag = qualified("exclusiveGateway")
        for attribute in ("eventGatewayType", "instantiate"):
            gateway.attrib.pop(attribute, None)
    for flow in out:
        for condition in flow.findall(qualified("conditionExpression")):
            flow.remove(condition)
        condition = etree.SubElement(flow, qualified("conditionExpression"))
        condition.text = f'{CHOICE_NAME} == "{flow.get("id")}"'
    lane = result.lane_of.get(gateway_id)
    if lane is None:
        sources = {
            f.get("sourceRef") for f in process.findall(qualified("sequenceFlow"))
        }
        for flow in process.findall(qualified("sequenceFlow")):
            if flow.get("targetRef") == step_id and flow.get("sourceRef") in sources:
                lane = result.lane_of.get(flow.get("sourceRef") or "")
                if lane:
                    break
    if lane is not None:
        result.lane_of[step_id] = lane
        for lane_element in process.iter(qualified("lane")):
            if lane_element.get("name") == lane:
                etree.SubElement(lane_element, qualified("flowNodeRef")).text = step_id
                break
