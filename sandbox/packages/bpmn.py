"""Checks of process.bpmn: supported elements, named lanes, safe expressions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from lxml import etree

from .. import bpmn_vocabulary as vocabulary
from .. import engine, expressions, playable
from .findings import Findings
from .xml_members import local_name

NS = {"bpmn": engine.BPMN_NS}
PROCESS_ID = re.compile(r"^[A-Za-z_][\w.-]*$")

# Flow elements a sandbox knows (played, simulated, kept for the diagram); any
# other BPMN element is refused with a message.
KNOWN_FLOW_ELEMENTS = (
    vocabulary.PLAYED
    | vocabulary.TASKS_SIMULATED
    | vocabulary.SUBPROCESSES
    | vocabulary.EVENTS_SIMULATED
    | vocabulary.CHOICE_GATEWAYS
    | vocabulary.KEPT_NODES
    | vocabulary.DESCRIPTIVE
    | vocabulary.REFUSED_NODES
    | {"eventBasedGateway", "laneSet", "extensionElements", "documentation"}
)
LOOPS = {"multiInstanceLoopCharacteristics", "standardLoopCharacteristics"}


@dataclass
class ProcessInfo:
    """What the later checks need to know about the process."""

    # the people's steps: id → name, lane, kind (userTask needs a form)
    user_tasks: dict[str, dict] = field(default_factory=dict)
    end_events: dict[str, str] = field(default_factory=dict)  # id → name
    decision_refs: dict[str, str] = field(default_factory=dict)  # task → decision
    labels: dict[str, str] = field(default_factory=dict)  # task → „name“ (id)
    script_names: set[str] = field(default_factory=set)
    # gateways decided by a choice: id → {"name", "options", "automatic"}
    choices: dict[str, dict] = field(default_factory=dict)
    simulated: dict[str, str] = field(default_factory=dict)  # id → name
    notes: list[str] = field(default_factory=list)


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


def ignored_note(tool: str, count: int) -> str:
    """The one note per tool about what was kept but not evaluated."""
    if tool:
        return ngettext(
            "%(count)s Zusatzangabe von %(tool)s wurde übernommen, aber nicht "
            "ausgewertet.",
            "%(count)s Zusatzangaben von %(tool)s wurden übernommen, aber nicht "
            "ausgewertet.",
            count,
        ) % {"count": count, "tool": tool}
    return ngettext(
        "%(count)s Zusatzangabe des Modells wurde übernommen, aber nicht ausgewertet.",
        "%(count)s Zusatzangaben des Modells wurden übernommen, aber nicht "
        "ausgewertet.",
        count,
    ) % {"count": count}


def check_process(
    bpmn_root: etree._Element,
    process: etree._Element,
    manifest_lanes: dict,
    *,
    has_decisions: bool,
) -> tuple[ProcessInfo, Findings]:
    """Walk the process: named lanes that match sandbox.json, elements the sandbox
    can play or simulate, safe expressions, at least one played step and one end.
    ``has_decisions``: the package has decisions.dmn (else business-rule tasks
    are simulated)."""
    model = playable.make_playable(
        bpmn_root, process.get("id") or "", has_decisions=has_decisions
    )
    info = ProcessInfo()
    info.notes = [ignored_note(tool, n) for tool, n in sorted(model.ignored.items())]
    findings: Findings = list(model.problems)
    findings += check_lanes(model, manifest_lanes)
    nodes = {node.get("id"): node for node in process if node.get("id")}
    for gateway_id, options in model.options.items():
        info.choices[gateway_id] = {
            "label": vocabulary.element_label(nodes[gateway_id]),
            "options": options,
            "automatic": model.roles.get(gateway_id) == "auto_choice",
        }
    for node in process:
        findings += _check_node(node, model, info)
    findings += _check_reserved_ids(process)
    for simulated in info.simulated:
        info.decision_refs.pop(simulated, None)  # no decisions.dmn: simulated
    if not model.lanes:
        findings.append(
            _(
                "Der Prozess hat keine benannten Bahnen (Lanes). Legen Sie im "
                "Modellierungswerkzeug für jede Abteilung eine Bahn mit Namen an."
            )
        )
    if not info.user_tasks:
        findings.append(
            _(
                "Der Prozess hat keinen Schritt, den eine Person spielt (Benutzer-, "
                "manuelle oder einfache Aufgabe). Ein Übungsraum braucht mindestens "
                "einen."
            )
        )
    if not info.end_events:
        findings.append(
            _("Der Prozess hat kein Endereignis. Bitte ergänzen Sie eines.")
        )
    return info, findings


def _check_reserved_ids(process: etree._Element) -> Findings:
    """The engine names its own start and end "Start", "End" and
    "<process>.EndJoin"; an element with such an ID would be lost."""
    reserved = {"Start", "End", f"{process.get('id')}.EndJoin"}
    return [
        _(
            "Das Element %(element)s hat die ID „%(id)s“, die der Übungsraum selbst "
            "braucht. Bitte geben Sie ihm im Modellierungswerkzeug eine andere ID, "
            "z. B. „%(id)s_1“."
        )
        % {"element": vocabulary.element_label(node), "id": node.get("id")}
        for node in process.iter()
        if isinstance(node.tag, str) and node.get("id") in reserved
    ]


def check_lanes(model: playable.Playable, manifest_lanes: dict) -> Findings:
    """The lanes (innermost lanes of nested ones) must be named and match
    sandbox.json."""
    findings: Findings = [
        _(
            "Die Bahn (Lane) „%(lane)s“ hat keinen Namen. Geben Sie ihr im "
            "Modellierungswerkzeug den Namen der Abteilung."
        )
        % {"lane": lane}
        for lane in model.unnamed_lanes
    ]
    findings += [
        _(
            "Die Bahn „%(lane)s“ fehlt in sandbox.json unter „lanes“. Bitte tragen "
            "Sie sie dort ein."
        )
        % {"lane": name}
        for name in model.lanes
        if name not in manifest_lanes
    ]
    findings += [
        _("sandbox.json nennt die Bahn „%(lane)s“, die es im Prozess nicht gibt.")
        % {"lane": name}
        for name in manifest_lanes
        if name not in model.lanes
    ]
    return findings


def _check_node(
    node: etree._Element, model: playable.Playable, info: ProcessInfo
) -> Findings:
    kind = local_name(node)
    if not kind or etree.QName(node).namespace != engine.BPMN_NS:
        return []  # vendor elements are counted in the note
    node_id = node.get("id") or "?"
    label = node.get("name") or node_id
    element = vocabulary.element_label(node)
    if kind not in KNOWN_FLOW_ELEMENTS:
        return [
            _(
                "Das Element %(element)s (%(kind)s) wird in Übungsräumen nicht "
                "unterstützt. Bitte ersetzen Sie es durch eine Aufgabe."
            )
            % {"element": element, "kind": kind}
        ]
    if kind in vocabulary.DESCRIPTIVE or kind in ("laneSet", "documentation"):
        return []
    findings = _check_children(node, node_id, element, info)
    role = model.roles.get(node_id)
    if kind == "sequenceFlow":
        findings += _check_condition(node, model, element)
    elif role in ("form", "confirm"):
        if node_id not in model.lane_of and model.lanes:
            findings.append(
                _(
                    "Die Aufgabe %(task)s liegt in keiner Bahn. Ziehen Sie sie im "
                    "Modellierungswerkzeug in die Bahn der Abteilung."
                )
                % {"task": element}
            )
        info.user_tasks[node_id] = {
            "name": label,
            "lane": model.lane_of.get(node_id),
            "kind": kind,
        }
    elif role == "auto":
        info.simulated[node_id] = label
    elif kind == "scriptTask":
        script = node.find("bpmn:script", NS)
        findings += check_script(
            script.text if script is not None else "", element, info
        )
    elif kind == "endEvent":
        info.end_events[node_id] = label
    return findings


def _check_condition(flow, model: playable.Playable, element: str) -> Findings:
    """A condition Lotse evaluates must be in the safe subset; conditions of
    gateways that became choices and foreign ones are never evaluated."""
    if model.roles.get(flow.get("sourceRef") or "") in ("choice", "auto_choice"):
        return []
    condition = flow.find("bpmn:conditionExpression", NS)
    if condition is None or not (condition.text or "").strip():
        return []
    language = flow.getroottree().getroot().get("expressionLanguage") or ""
    if vocabulary.is_foreign_condition(condition, language):
        return []
    try:
        expressions.check_expression(condition.text or "")
    except expressions.UnsafeExpression as exc:
        return [
            _(
                "Die Bedingung am Fluss %(flow)s ist nicht erlaubt: %(reason)s "
                "Bitte schreiben Sie sie als einfachen Vergleich von Falldaten."
            )
            % {"flow": element, "reason": exc}
        ]
    return []


def _check_children(
    node: etree._Element, node_id: str, element: str, info: ProcessInfo
) -> Findings:
    """Loops are refused; the Spiff extensions Lotse evaluates are checked and
    decision references noted. Everything else is kept and never read."""
    findings: Findings = []
    for child in node:
        child_kind = local_name(child)
        if child_kind in LOOPS:
            findings.append(
                _(
                    "Die Aufgabe %(element)s wird mehrfach ausgeführt (Schleife "
                    "oder Mehrfachinstanz); das kann der Übungsraum nicht "
                    "nachspielen. Bitte modellieren Sie sie als einzelne Aufgabe."
                )
                % {"element": element}
            )
        if child_kind != "extensionElements":
            continue
        for extension in child:
            ext_kind = local_name(extension)
            if etree.QName(extension).namespace != vocabulary.SPIFF_NS:
                continue
            if ext_kind in ("preScript", "postScript"):
                findings += check_script(extension.text or "", element, info)
            elif ext_kind == "calledDecisionId":
                info.decision_refs[node_id] = (extension.text or "").strip()
                info.labels[node_id] = element
    return findings


def check_script(text: str, element: str, info: ProcessInfo) -> Findings:
    """A script must be safe assignments; notes the names it assigns."""
    try:
        for name, _expression in expressions.parse_script(text):
            info.script_names.add(name)
    except expressions.UnsafeExpression as exc:
        return [
            _(
                "Das Skript in %(element)s ist nicht erlaubt: %(reason)s "
                "Bitte beschränken Sie es auf einfache Zuweisungen."
            )
            % {"element": element, "reason": exc}
        ]
    return []
