"""Validation of uploaded process packages (zip file or folder).

Everything is checked before anything is stored, and every problem is reported as a
German sentence. Zip members are checked (count, size, paths, links) before any of
them is read, and they are only ever read into memory: nothing is written to disk.
XML is parsed with entity resolution, DTD loading and network access off, and a
document with a DOCTYPE is rejected outright.
"""

from __future__ import annotations

import io
import json
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError
from lxml import etree

from . import engine, expressions
from .forms_schema import form_errors

FORMAT = "lotse-sandbox/1"
MAX_MEMBERS = 8
MAX_TOTAL_SIZE = 5 * 1024 * 1024
REQUIRED_MEMBERS = ("process.bpmn", "sandbox.json")
OPTIONAL_MEMBERS = ("decisions.dmn",)
ALLOWED_MEMBERS = REQUIRED_MEMBERS + OPTIONAL_MEMBERS

BPMN_NS = engine.BPMN_NS
SPIFF_NS = "http://spiffworkflow.org/bpmn/schema/1.0/core"
DMN_NAMESPACES = (
    "http://www.omg.org/spec/DMN/20151101/dmn.xsd",
    "http://www.omg.org/spec/DMN/20180521/MODEL/",
    "https://www.omg.org/spec/DMN/20191111/MODEL/",
)
FIELD_TYPES = ("string", "number", "integer", "boolean")
IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
CASE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")

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


class PackageInvalid(Exception):
    """A package that cannot be imported; ``errors`` lists German messages."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = list(errors)


@dataclass
class ValidPackage:
    process_id: str
    title: str
    bpmn: str
    dmn: str
    sandbox_json: str
    manifest: dict
    definition: engine.Definition
    errors: list[str] = field(default_factory=list)

    @property
    def case_ids(self) -> list[str]:
        return [case["id"] for case in self.manifest["cases"]]


# --------------------------------------------------------------------------- files


def _is_link(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return stat.S_ISLNK(mode)


def _unsafe_name(name: str) -> bool:
    if not name or name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return True
    parts = re.split(r"[\\/]", name)
    return any(part == ".." for part in parts)


def read_zip(data: bytes) -> dict[str, bytes]:
    """Check the zip's directory, then read its members into memory."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise PackageInvalid(
            ["Die Datei ist kein ZIP-Archiv oder sie ist beschädigt."]
        ) from None
    errors: list[str] = []
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        errors.append(
            f"Das Archiv enthält {len(infos)} Einträge; erlaubt sind höchstens "
            f"{MAX_MEMBERS}."
        )
    total = 0
    for info in infos:
        if _unsafe_name(info.filename):
            errors.append(
                f"Der Eintrag „{info.filename}“ hat einen unzulässigen Pfad "
                "(absolut oder mit „..“)."
            )
        if _is_link(info):
            errors.append(
                f"Der Eintrag „{info.filename}“ ist ein Link; Links sind nicht erlaubt."
            )
        total += max(info.file_size, 0)
    if total > MAX_TOTAL_SIZE:
        errors.append(
            "Das Archiv ist entpackt größer als 5 MB; so große Pakete sind nicht "
            "erlaubt."
        )
    if errors:
        raise PackageInvalid(errors)

    files = [info for info in infos if not info.is_dir()]
    names = [info.filename for info in files]
    prefix = _common_folder(names)
    members: dict[str, bytes] = {}
    remaining = MAX_TOTAL_SIZE
    for info in files:
        name = info.filename[len(prefix) :]
        try:
            with archive.open(info) as handle:
                content = handle.read(remaining + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
            raise PackageInvalid(
                [f"Der Eintrag „{info.filename}“ ist beschädigt."]
            ) from None
        remaining -= len(content)
        if remaining < 0:
            # The directory lied about the sizes (a zip bomb): stop reading.
            raise PackageInvalid(
                [
                    "Das Archiv ist entpackt größer als 5 MB; so große Pakete sind "
                    "nicht erlaubt."
                ]
            )
        members[name] = content
    return members


def _common_folder(names: list[str]) -> str:
    """``"pkg/"`` when every file lies in one top folder, else ``""``."""
    tops = {name.split("/", 1)[0] for name in names if "/" in name}
    if len(tops) == 1 and all("/" in name for name in names):
        return tops.pop() + "/"
    return ""


def read_folder(path: Path) -> dict[str, bytes]:
    """Read a package from a folder (for the management command and the demo)."""
    errors: list[str] = []
    entries = sorted(p for p in path.iterdir() if not p.name.startswith("."))
    if len(entries) > MAX_MEMBERS:
        errors.append(
            f"Der Ordner enthält {len(entries)} Einträge; erlaubt sind höchstens "
            f"{MAX_MEMBERS}."
        )
    members: dict[str, bytes] = {}
    total = 0
    for entry in entries:
        if entry.is_symlink():
            errors.append(f"„{entry.name}“ ist ein Link; Links sind nicht erlaubt.")
            continue
        if entry.is_dir():
            errors.append(f"Unerwarteter Unterordner „{entry.name}“ im Paket.")
            continue
        total += entry.stat().st_size
        if total > MAX_TOTAL_SIZE:
            errors.append("Das Paket ist größer als 5 MB.")
            break
        members[entry.name] = entry.read_bytes()
    if errors:
        raise PackageInvalid(errors)
    return members


def read_members(source: Any) -> dict[str, bytes]:
    """Members of a package given as a folder path, zip path, bytes or file object."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        if path.is_dir():
            return read_folder(path)
        if not path.is_file():
            raise PackageInvalid([f"Die Datei „{path}“ gibt es nicht."])
        if path.stat().st_size > MAX_TOTAL_SIZE * 2:
            raise PackageInvalid(["Die Datei ist größer als 10 MB."])
        return read_zip(path.read_bytes())
    if isinstance(source, (bytes, bytearray)):
        return read_zip(bytes(source))
    handle: BinaryIO = source
    if hasattr(handle, "seek"):
        handle.seek(0)
    data = handle.read(MAX_TOTAL_SIZE * 2 + 1)
    if len(data) > MAX_TOTAL_SIZE * 2:
        raise PackageInvalid(["Die Datei ist größer als 10 MB."])
    return read_zip(data)


# --------------------------------------------------------------------------- XML


def parse_xml_member(name: str, content: bytes) -> etree._Element:
    if re.search(rb"<!DOCTYPE|<!ENTITY", content, re.IGNORECASE):
        raise PackageInvalid(
            [
                f"{name} enthält eine DOCTYPE- oder ENTITY-Deklaration; das "
                "ist nicht erlaubt."
            ]
        )
    try:
        root = engine.parse_xml(content)
    except etree.XMLSyntaxError as exc:
        raise PackageInvalid([f"{name} ist kein gültiges XML: {exc.msg}"]) from None
    tree = root.getroottree()
    if tree.docinfo.doctype:
        raise PackageInvalid(
            [f"{name} enthält eine DOCTYPE-Deklaration; das ist nicht erlaubt."]
        )
    return root


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _check_bpmn_structure(
    process: etree._Element, manifest_lanes: dict, errors: list[str]
) -> dict[str, Any]:
    """Walk the process: supported elements, named lanes, safe expressions."""
    ns = {"bpmn": BPMN_NS}
    info: dict[str, Any] = {
        "user_tasks": {},
        "end_events": {},
        "decision_refs": {},
        "script_names": set(),
    }
    lanes_in_bpmn: list[str] = []
    lane_of: dict[str, str] = {}
    for lane in process.iterfind(".//bpmn:lane", ns):
        name = (lane.get("name") or "").strip()
        if not name:
            errors.append(f"Die Bahn (Lane) „{lane.get('id')}“ hat keinen Namen.")
            continue
        lanes_in_bpmn.append(name)
        for ref in lane.iterfind("bpmn:flowNodeRef", ns):
            lane_of[(ref.text or "").strip()] = name
        if lane.find("bpmn:childLaneSet", ns) is not None:
            errors.append(
                f"Die Bahn „{name}“ enthält Unterbahnen; das wird nicht unterstützt."
            )
    for name in lanes_in_bpmn:
        if name not in manifest_lanes:
            errors.append(f"Die Bahn „{name}“ fehlt in sandbox.json unter „lanes“.")
    for name in manifest_lanes:
        if name not in lanes_in_bpmn:
            errors.append(
                f"sandbox.json nennt die Bahn „{name}“, die es im Prozess nicht gibt."
            )

    for node in process:
        kind = _local(node)
        if not kind:
            continue
        node_id = node.get("id") or "?"
        label = node.get("name") or node_id
        if kind not in ALLOWED_FLOW_ELEMENTS:
            errors.append(
                f"Das Element „{label}“ ({kind}) wird in Übungsräumen nicht "
                "unterstützt."
            )
            continue
        for child in node:
            child_kind = _local(child)
            if not child_kind:
                continue
            if child_kind not in ALLOWED_NODE_CHILDREN and kind not in (
                "laneSet",
                "textAnnotation",
            ):
                errors.append(
                    f"„{label}“ enthält „{child_kind}“; das wird in Übungsräumen nicht "
                    "unterstützt."
                )
            if child_kind == "extensionElements":
                for extension in child:
                    ext_kind = _local(extension)
                    if not ext_kind:
                        continue
                    if ext_kind not in ALLOWED_EXTENSIONS:
                        errors.append(
                            f"„{label}“ enthält die Erweiterung „{ext_kind}“; sie wird "
                            "nicht unterstützt."
                        )
                    elif ext_kind in ("preScript", "postScript"):
                        _check_script(extension.text or "", label, errors, info)
                    elif ext_kind == "calledDecisionId":
                        info["decision_refs"][node_id] = (extension.text or "").strip()
        if kind == "sequenceFlow":
            condition = node.find("bpmn:conditionExpression", ns)
            if condition is not None:
                try:
                    expressions.check_expression(condition.text or "")
                except expressions.UnsafeExpression as exc:
                    errors.append(
                        f"Die Bedingung am Fluss „{label}“ ist nicht erlaubt: {exc}"
                    )
        elif kind == "scriptTask":
            script = node.find("bpmn:script", ns)
            _check_script(
                script.text if script is not None else "", label, errors, info
            )
        elif kind in ("userTask", "manualTask"):
            if node_id not in lane_of and lanes_in_bpmn:
                errors.append(f"Die Aufgabe „{label}“ liegt in keiner Bahn.")
            info["user_tasks"][node_id] = {"name": label, "lane": lane_of.get(node_id)}
        elif kind == "endEvent":
            info["end_events"][node_id] = label
        elif kind == "businessRuleTask" and node_id not in info["decision_refs"]:
            errors.append(
                f"Die Regelaufgabe „{label}“ nennt keine Entscheidungstabelle "
                "(spiffworkflow:calledDecisionId)."
            )
    if not lanes_in_bpmn:
        errors.append("Der Prozess hat keine benannten Bahnen (Lanes).")
    if not info["end_events"]:
        errors.append("Der Prozess hat kein Endereignis.")
    return info


def _check_script(text: str, label: str, errors: list[str], info: dict) -> None:
    try:
        for name, _expression in expressions.parse_script(text):
            info["script_names"].add(name)
    except expressions.UnsafeExpression as exc:
        errors.append(f"Das Skript in „{label}“ ist nicht erlaubt: {exc}")


def _check_dmn(root: etree._Element, errors: list[str]) -> dict[str, set[str]]:
    """Check every DMN cell; return the output names per decision id."""
    namespace = etree.QName(root).namespace
    if _local(root) != "definitions" or namespace not in DMN_NAMESPACES:
        errors.append("decisions.dmn ist keine DMN-Datei (DMN 1.1, 1.2 oder 1.3).")
        return {}
    ns = {"dmn": namespace}
    outputs: dict[str, set[str]] = {}
    for decision in root.iterfind("dmn:decision", ns):
        decision_id = decision.get("id") or "?"
        label = decision.get("name") or decision_id
        names: set[str] = set()
        tables = decision.findall("dmn:decisionTable", ns)
        if len(tables) != 1:
            errors.append(f"Die Entscheidung „{label}“ braucht genau eine Tabelle.")
            continue
        table = tables[0]
        policy = table.get("hitPolicy", "UNIQUE")
        if policy not in ("UNIQUE", "COLLECT"):
            errors.append(
                f"Die Tabelle „{label}“ nutzt die Trefferregel {policy}; erlaubt sind "
                "UNIQUE und COLLECT."
            )
        for expression in table.iterfind("dmn:input/dmn:inputExpression/dmn:text", ns):
            _check_cell(expression.text, label, "Eingabe", errors, partial=False)
        for output in table.iterfind("dmn:output", ns):
            name = output.get("name") or ""
            if not IDENTIFIER.match(name):
                errors.append(
                    f"Die Ausgabe „{name}“ der Tabelle „{label}“ braucht einen "
                    "Namen aus "
                    "Buchstaben, Ziffern und _."
                )
            names.add(name)
        for number, rule in enumerate(table.iterfind("dmn:rule", ns), start=1):
            for cell in rule.iterfind("dmn:inputEntry/dmn:text", ns):
                _check_cell(cell.text, label, f"Regel {number}", errors, partial=True)
            for cell in rule.iterfind("dmn:outputEntry/dmn:text", ns):
                _check_cell(cell.text, label, f"Regel {number}", errors, partial=False)
        outputs[decision_id] = names
    return outputs


def _check_cell(
    text: str | None, table: str, where: str, errors: list[str], *, partial: bool
) -> None:
    cell = (text or "").strip()
    if not cell or (partial and cell == "-"):
        return
    if partial:
        # The engine compares ``input == cell`` or evaluates ``input <cell>``.
        cell = re.sub(r"(\?)(?=(?:[^'\"]|['\"][^'\"]*['\"])*$)", "dmninputexpr", cell)
        try:
            import ast

            ast.parse(cell, mode="eval")
        except SyntaxError:
            cell = f"dmninputexpr {cell}"
    try:
        expressions.check_expression(cell)
    except expressions.UnsafeExpression as exc:
        errors.append(
            f"Die Zelle „{text}“ ({where}) der Tabelle „{table}“ ist nicht "
            f"erlaubt: {exc}"
        )


# --------------------------------------------------------------------------- manifest


def _load_manifest(content: bytes, errors: list[str]) -> dict | None:
    try:
        manifest = json.loads(content.decode("utf-8"))
    except UnicodeDecodeError:
        errors.append("sandbox.json ist nicht UTF-8-kodiert.")
        return None
    except json.JSONDecodeError as exc:
        errors.append(f"sandbox.json ist kein gültiges JSON (Zeile {exc.lineno}).")
        return None
    if not isinstance(manifest, dict):
        errors.append("sandbox.json muss ein JSON-Objekt enthalten.")
        return None
    if manifest.get("format") != FORMAT:
        errors.append(f"sandbox.json: „format“ muss „{FORMAT}“ sein.")
    if not isinstance(manifest.get("process_id"), str) or not manifest["process_id"]:
        errors.append("sandbox.json: „process_id“ fehlt.")
    if not isinstance(manifest.get("title"), str) or not manifest["title"].strip():
        errors.append("sandbox.json: „title“ fehlt.")
    if not isinstance(manifest.get("lanes"), dict):
        errors.append("sandbox.json: „lanes“ muss ein Objekt sein.")
        manifest["lanes"] = {}
    if not isinstance(manifest.get("tasks"), dict):
        errors.append("sandbox.json: „tasks“ muss ein Objekt sein.")
        manifest["tasks"] = {}
    if not isinstance(manifest.get("cases"), list) or not manifest["cases"]:
        errors.append("sandbox.json: „cases“ muss mindestens einen Fall enthalten.")
        manifest["cases"] = []
    scoring = manifest.get("scoring", {"pass_mark": 80})
    pass_mark = scoring.get("pass_mark") if isinstance(scoring, dict) else None
    if (
        not isinstance(pass_mark, int)
        or isinstance(pass_mark, bool)
        or not (0 <= pass_mark <= 100)
    ):
        errors.append(
            "sandbox.json: „scoring.pass_mark“ muss eine Zahl von 0 bis 100 sein."
        )
        manifest["scoring"] = {"pass_mark": 80}
    return manifest


def _check_form(task_id: str, label: str, task: Any, errors: list[str]) -> None:
    if not isinstance(task, dict):
        errors.append(f"sandbox.json: Die Aufgabe „{label}“ muss ein Objekt sein.")
        return
    form = task.get("form")
    if not isinstance(form, dict):
        errors.append(
            f"Die Aufgabe „{label}“ ({task_id}) hat kein Formular in sandbox.json."
        )
        return
    try:
        Draft202012Validator.check_schema(form)
    except SchemaError as exc:
        errors.append(
            f"Das Formular der Aufgabe „{label}“ ist kein gültiges "
            f"JSON-Schema: {exc.message}"
        )
        return
    properties = form.get("properties")
    if (
        form.get("type") != "object"
        or not isinstance(properties, dict)
        or not properties
    ):
        errors.append(
            f"Das Formular der Aufgabe „{label}“ muss ein Objekt mit Feldern "
            "(„properties“) sein."
        )
        return
    for name, prop in properties.items():
        if not IDENTIFIER.match(name):
            errors.append(
                f"Das Feld „{name}“ der Aufgabe „{label}“ braucht einen Namen aus "
                "Buchstaben, Ziffern und _ (am Anfang ein Buchstabe)."
            )
        if not isinstance(prop, dict) or prop.get("type") not in FIELD_TYPES:
            errors.append(
                f"Das Feld „{name}“ der Aufgabe „{label}“ braucht einen Typ "
                "(string, number, integer oder boolean)."
            )
        elif not prop.get("title"):
            errors.append(
                f"Das Feld „{name}“ der Aufgabe „{label}“ braucht einen Titel."
            )
    for name in form.get("required", []):
        if name not in properties:
            errors.append(
                f"Das Pflichtfeld „{name}“ der Aufgabe „{label}“ kommt im "
                "Formular nicht vor."
            )
    for key in ("reads", "hints"):
        value = task.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            errors.append(
                f"„{key}“ der Aufgabe „{label}“ muss eine Liste von Texten sein."
            )
            task[key] = []


def _data_paths(data: Any, prefix: str = "") -> set[str]:
    paths: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            path = f"{prefix}{key}"
            paths.add(path)
            paths |= _data_paths(value, path + ".")
    return paths


# --------------------------------------------------------------------------- auto-solve


def _solve_case(
    definition: engine.Definition, manifest: dict, case: dict, errors: list[str]
) -> None:
    label = case.get("id")
    expected = case.get("expected", {})
    try:
        workflow = engine.workflow_start(definition, case.get("data", {}))
        for _step in range(engine.MAX_ENGINE_STEPS):
            tasks = engine.ready_tasks(workflow)
            if not tasks:
                break
            task = tasks[0]
            element = task.task_spec.bpmn_id
            values = expected.get(element)
            name = definition.element_name(element)
            if values is None:
                errors.append(
                    f"Fall „{label}“: Für die Aufgabe „{name}“ fehlen erwartete Werte "
                    "(„expected“)."
                )
                return
            problems = form_errors(manifest["tasks"][element]["form"], values)
            if problems:
                details = "; ".join(f"{k}: {v}" for k, v in problems.items())
                errors.append(
                    f"Fall „{label}“: Die erwarteten Werte für „{name}“ passen nicht "
                    f"zum Formular ({details})."
                )
                return
            engine.task_complete(workflow, task, values)
        else:
            errors.append(f"Fall „{label}“: Der Prozess endet nicht (Schleife?).")
            return
    except engine.EngineError as exc:
        errors.append(f"Fall „{label}“: {exc}")
        return
    if not engine.is_finished(workflow):
        errors.append(f"Fall „{label}“: Der Prozess bleibt stecken und endet nicht.")
        return
    end = engine.end_event_reached(workflow)
    if end != case.get("expected_end"):
        errors.append(
            f"Fall „{label}“: Mit den erwarteten Werten endet der Prozess bei "
            f"„{definition.element_name(end)}“ statt bei "
            f"„{definition.element_name(case.get('expected_end'))}“."
        )


# --------------------------------------------------------------------------- entry


class _Errors(list):
    """Problems found so far; the first ones (unexpected members) do not stop the
    later checks, which only ask whether they found something themselves."""

    def __init__(self, early: list[str]):
        super().__init__(early)
        self.early = len(early)

    def __bool__(self) -> bool:
        return len(self) > self.early


def validate_members(members: dict[str, bytes]) -> ValidPackage:
    """Validate a package completely; raise ``PackageInvalid`` listing every problem."""
    errors: list[str] = []
    for name in members:
        if name not in ALLOWED_MEMBERS:
            errors.append(
                f"Unerwartete Datei „{name}“ im Paket (erlaubt: process.bpmn, "
                "decisions.dmn, sandbox.json)."
            )
    missing = [name for name in REQUIRED_MEMBERS if name not in members]
    for name in missing:
        errors.append(f"Die Datei „{name}“ fehlt im Paket.")
    if missing:
        raise PackageInvalid(errors)
    # Unexpected members are reported, and the rest is still checked, so that the
    # trainer sees every problem at once.
    members = {k: v for k, v in members.items() if k in ALLOWED_MEMBERS}
    errors = _Errors(errors)

    texts: dict[str, str] = {}
    for name, content in members.items():
        try:
            texts[name] = content.decode("utf-8")
        except UnicodeDecodeError:
            errors.append(f"{name} ist nicht UTF-8-kodiert.")
    if errors:
        raise PackageInvalid(errors)

    manifest = _load_manifest(members["sandbox.json"], errors)
    bpmn_root = dmn_root = None
    for name in ("process.bpmn", "decisions.dmn"):
        if name not in members:
            continue
        try:
            root = parse_xml_member(name, members[name])
        except PackageInvalid as exc:
            errors.extend(exc.errors)
            continue
        if name == "process.bpmn":
            bpmn_root = root
        else:
            dmn_root = root
    if bpmn_root is not None and (
        _local(bpmn_root) != "definitions"
        or etree.QName(bpmn_root).namespace != BPMN_NS
    ):
        errors.append("process.bpmn ist keine BPMN-2.0-Datei.")
        bpmn_root = None
    if manifest is None or bpmn_root is None:
        raise PackageInvalid(errors)

    process_id = manifest.get("process_id")
    ns = {"bpmn": BPMN_NS}
    process = None
    if isinstance(process_id, str):
        process = (
            bpmn_root.find(f"bpmn:process[@id='{process_id}']", ns)
            if re.match(r"^[A-Za-z_][\w.-]*$", process_id)
            else None
        )
        if process is None:
            errors.append(
                f"Der Prozess „{process_id}“ aus sandbox.json kommt in "
                "process.bpmn nicht vor."
            )
    if process is None:
        raise PackageInvalid(errors)

    info = _check_bpmn_structure(process, manifest["lanes"], errors)
    decision_outputs: dict[str, set[str]] = {}
    if dmn_root is not None:
        decision_outputs = _check_dmn(dmn_root, errors)
    for node_id, decision_id in info["decision_refs"].items():
        if decision_id not in decision_outputs:
            errors.append(
                f"Die Entscheidungstabelle „{decision_id}“ (aus „{node_id}“) fehlt in "
                "decisions.dmn."
            )

    tasks = manifest["tasks"]
    user_tasks = info["user_tasks"]
    for task_id, task_info in user_tasks.items():
        if task_id not in tasks:
            errors.append(
                f"Die Aufgabe „{task_info['name']}“ ({task_id}) hat kein Formular in "
                "sandbox.json."
            )
    for task_id, task in tasks.items():
        if task_id not in user_tasks:
            errors.append(
                "sandbox.json enthält ein Formular für die unbekannte Aufgabe "
                f"„{task_id}“."
            )
            continue
        _check_form(task_id, user_tasks[task_id]["name"], task, errors)

    # Every path a task may read must exist somewhere: in a case, a form, a script
    # or a decision output.
    known_paths: set[str] = set(info["script_names"])
    for names in decision_outputs.values():
        known_paths |= names
    for task in tasks.values():
        if isinstance(task, dict) and isinstance(task.get("form"), dict):
            known_paths |= set((task["form"].get("properties") or {}).keys())
    seen_cases: set[str] = set()
    for index, case in enumerate(manifest["cases"], start=1):
        if not isinstance(case, dict):
            errors.append(f"Fall {index} in sandbox.json ist kein Objekt.")
            continue
        case_id = case.get("id")
        if not isinstance(case_id, str) or not CASE_ID.match(case_id):
            errors.append(
                f"Fall {index}: „id“ muss aus Kleinbuchstaben, Ziffern, - und "
                "_ bestehen."
            )
        elif case_id in seen_cases:
            errors.append(f"Der Fall „{case_id}“ kommt doppelt vor.")
        seen_cases.add(str(case_id))
        if not isinstance(case.get("title"), str) or not case["title"].strip():
            errors.append(f"Fall „{case_id}“: „title“ fehlt.")
        if not isinstance(case.get("data"), dict):
            errors.append(f"Fall „{case_id}“: „data“ muss ein Objekt sein.")
            case["data"] = {}
        known_paths |= _data_paths(case["data"])
        if not isinstance(case.get("expected"), dict):
            errors.append(f"Fall „{case_id}“: „expected“ muss ein Objekt sein.")
            case["expected"] = {}
        for task_id, values in case["expected"].items():
            if task_id not in user_tasks:
                errors.append(
                    f"Fall „{case_id}“ erwartet Werte für die unbekannte "
                    f"Aufgabe „{task_id}“."
                )
                continue
            properties = ((tasks.get(task_id) or {}).get("form") or {}).get(
                "properties"
            ) or {}
            if not isinstance(values, dict):
                errors.append(
                    f"Fall „{case_id}“: Die Werte für „{task_id}“ sind kein Objekt."
                )
                continue
            for field_name in values:
                if field_name not in properties:
                    errors.append(
                        f"Fall „{case_id}“ erwartet das Feld „{field_name}“, das die "
                        f"Aufgabe „{user_tasks[task_id]['name']}“ nicht hat."
                    )
        if case.get("expected_end") not in info["end_events"]:
            errors.append(
                f"Fall „{case_id}“: Das erwartete Ende "
                f"„{case.get('expected_end')}“ ist "
                "kein Endereignis des Prozesses."
            )
    for task_id, task in tasks.items():
        if not isinstance(task, dict) or task_id not in user_tasks:
            continue
        for path in task.get("reads", []):
            if path not in known_paths:
                errors.append(
                    f"Die Aufgabe „{user_tasks[task_id]['name']}“ liest "
                    f"„{path}“; dieses "
                    "Feld gibt es in keinem Fall, keinem Formular und keiner "
                    "Entscheidung."
                )
    if errors:
        raise PackageInvalid(errors)

    try:
        definition = engine.build_definition(
            process_id=process_id, bpmn_root=bpmn_root, dmn_root=dmn_root
        )
    except engine.EngineError as exc:
        raise PackageInvalid([*errors, str(exc)]) from None

    for case in manifest["cases"]:
        _solve_case(definition, manifest, case, errors)
    if errors or errors.early:
        raise PackageInvalid(errors)

    return ValidPackage(
        process_id=process_id,
        title=manifest["title"].strip(),
        bpmn=texts["process.bpmn"],
        dmn=texts.get("decisions.dmn", ""),
        sandbox_json=texts["sandbox.json"],
        manifest=manifest,
        definition=definition,
    )


def validate_package(source: Any) -> ValidPackage:
    """Read and validate a package from a zip (path, bytes, file object) or folder."""
    return validate_members(read_members(source))


def zip_folder(path: Path) -> bytes:
    """A zip of a package folder (for tests and the demo)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in sorted(Path(path).iterdir()):
            if entry.is_file() and not entry.name.startswith("."):
                archive.write(entry, PurePosixPath(entry.name).name)
    return buffer.getvalue()
