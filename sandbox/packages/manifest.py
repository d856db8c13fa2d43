"""Checks of sandbox.json: format, task forms, cases, and what each task may read.

Checks that find a malformed part replace it by an empty one (``lanes``, ``tasks``,
``cases``, a case's ``data`` ...), so that the later checks can still run and the
trainer sees every problem at once.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from common.text import data_problem

from .bpmn import ProcessInfo
from .findings import Findings

FORMAT = "lotse-sandbox/1"
FIELD_TYPES = ("string", "number", "integer", "boolean")
IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
CASE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def load_manifest(content: bytes) -> tuple[dict | None, Findings]:
    """sandbox.json as a dict (``None`` when it is not a JSON object at all)."""
    try:
        manifest = json.loads(content.decode("utf-8"))
    except UnicodeDecodeError:
        return None, [_("%(name)s ist nicht UTF-8-kodiert.") % {"name": "sandbox.json"}]
    except RecursionError:
        return None, [_("sandbox.json ist zu tief verschachtelt.")]
    except json.JSONDecodeError as exc:
        return None, [
            _("sandbox.json ist kein gültiges JSON (Zeile %(line)s).")
            % {"line": exc.lineno}
        ]
    except ValueError:  # a number with more digits than Python converts
        return None, [_("sandbox.json enthält eine Zahl mit zu vielen Ziffern.")]
    if not isinstance(manifest, dict):
        return None, [_("sandbox.json muss ein JSON-Objekt enthalten.")]
    problem = data_problem(manifest)
    if problem:
        return None, [_("sandbox.json: %(problem)s") % {"problem": problem[1]}]
    return manifest, check_top_level(manifest)


def check_top_level(manifest: dict) -> Findings:
    findings: Findings = []
    if manifest.get("format") != FORMAT:
        findings.append(
            _("sandbox.json: „format“ muss „%(format)s“ sein.") % {"format": FORMAT}
        )
    if not isinstance(manifest.get("process_id"), str) or not manifest["process_id"]:
        findings.append(_("sandbox.json: „process_id“ fehlt."))
    if not isinstance(manifest.get("title"), str) or not manifest["title"].strip():
        findings.append(_("sandbox.json: „title“ fehlt."))
    if not isinstance(manifest.get("lanes"), dict):
        findings.append(_("sandbox.json: „lanes“ muss ein Objekt sein."))
        manifest["lanes"] = {}
    if not isinstance(manifest.get("tasks"), dict):
        findings.append(_("sandbox.json: „tasks“ muss ein Objekt sein."))
        manifest["tasks"] = {}
    if not isinstance(manifest.get("cases"), list) or not manifest["cases"]:
        findings.append(
            _("sandbox.json: „cases“ muss mindestens einen Fall enthalten.")
        )
        manifest["cases"] = []
    scoring = manifest.get("scoring", {"pass_mark": 80})
    pass_mark = scoring.get("pass_mark") if isinstance(scoring, dict) else None
    if (
        not isinstance(pass_mark, int)
        or isinstance(pass_mark, bool)
        or not (0 <= pass_mark <= 100)
    ):
        findings.append(
            _("sandbox.json: „scoring.pass_mark“ muss eine Zahl von 0 bis 100 sein.")
        )
        manifest["scoring"] = {"pass_mark": 80}
    return findings


def check_tasks(tasks: dict, user_tasks: dict[str, dict]) -> Findings:
    """Every user task has a form, and every form belongs to a user task."""
    findings: Findings = [
        _(
            "Die Aufgabe „%(task)s“ (%(id)s) hat kein Formular in sandbox.json. "
            "Bitte ergänzen Sie es unter „tasks“."
        )
        % {"task": task_info["name"], "id": task_id}
        for task_id, task_info in user_tasks.items()
        if task_id not in tasks and task_info.get("kind", "userTask") == "userTask"
    ]
    for task_id, task in tasks.items():
        if task_id not in user_tasks:
            findings.append(
                _(
                    "sandbox.json enthält ein Formular für die unbekannte Aufgabe „%(id)s“."
                )
                % {"id": task_id}
            )
            continue
        findings += check_task(task_id, user_tasks[task_id]["name"], task)
    return findings


def check_task(task_id: str, label: str, task: Any) -> Findings:
    """One task's form (a JSON Schema of typed, titled fields), reads and hints."""
    if not isinstance(task, dict):
        return [
            _("sandbox.json: Die Aufgabe „%(task)s“ muss ein Objekt sein.")
            % {"task": label}
        ]
    form = task.get("form")
    if not isinstance(form, dict):
        return [
            _("Die Aufgabe „%(task)s“ (%(id)s) hat kein Formular in sandbox.json.")
            % {"task": label, "id": task_id}
        ]
    try:
        Draft202012Validator.check_schema(form)
    except SchemaError as exc:
        return [
            _(
                "Das Formular der Aufgabe „%(task)s“ ist kein gültiges JSON-Schema: "
                "%(reason)s"
            )
            % {"task": label, "reason": exc.message}
        ]
    properties = form.get("properties")
    if (
        form.get("type") != "object"
        or not isinstance(properties, dict)
        or not properties
    ):
        return [
            _(
                "Das Formular der Aufgabe „%(task)s“ muss ein Objekt mit Feldern "
                "(„properties“) sein."
            )
            % {"task": label}
        ]
    findings = _check_fields(label, properties, form.get("required", []))
    for key in ("reads", "hints"):
        value = task.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            findings.append(
                _("„%(key)s“ der Aufgabe „%(task)s“ muss eine Liste von Texten sein.")
                % {"key": key, "task": label}
            )
            task[key] = []
    return findings


def _check_fields(label: str, properties: dict, required: list) -> Findings:
    findings: Findings = []
    for name, prop in properties.items():
        names = {"field": name, "task": label}
        if not IDENTIFIER.match(name):
            findings.append(
                _(
                    "Das Feld „%(field)s“ der Aufgabe „%(task)s“ braucht einen Namen "
                    "aus Buchstaben, Ziffern und _ (am Anfang ein Buchstabe)."
                )
                % names
            )
        if not isinstance(prop, dict) or prop.get("type") not in FIELD_TYPES:
            findings.append(
                _(
                    "Das Feld „%(field)s“ der Aufgabe „%(task)s“ braucht einen Typ "
                    "(string, number, integer oder boolean)."
                )
                % names
            )
        elif not prop.get("title"):
            findings.append(
                _("Das Feld „%(field)s“ der Aufgabe „%(task)s“ braucht einen Titel.")
                % names
            )
    for name in required:
        if name not in properties:
            findings.append(
                _(
                    "Das Pflichtfeld „%(field)s“ der Aufgabe „%(task)s“ kommt im "
                    "Formular nicht vor."
                )
                % {"field": name, "task": label}
            )
    return findings


def check_cases(cases: list, tasks: dict, info: ProcessInfo) -> Findings:
    """Each case: a unique id, a title, data, expected values for known task
    fields, and an end event of the process as its expected end."""
    findings: Findings = []
    seen: set[str] = set()
    for index, case in enumerate(cases, start=1):
        if not isinstance(case, dict):
            findings.append(
                _("Fall %(number)s in sandbox.json ist kein Objekt.")
                % {"number": index}
            )
            continue
        case_id = case.get("id")
        if not isinstance(case_id, str) or not CASE_ID.match(case_id):
            findings.append(
                _(
                    "Fall %(number)s: „id“ muss aus Kleinbuchstaben, Ziffern, - und _ "
                    "bestehen."
                )
                % {"number": index}
            )
        elif case_id in seen:
            findings.append(
                _("Der Fall „%(case)s“ kommt doppelt vor.") % {"case": case_id}
            )
        seen.add(str(case_id))
        findings += _check_case(case, tasks, info)
    return findings


def _check_case(case: dict, tasks: dict, info: ProcessInfo) -> Findings:
    case_id = case.get("id")
    findings: Findings = []
    if not isinstance(case.get("title"), str) or not case["title"].strip():
        findings.append(_("Fall „%(case)s“: „title“ fehlt.") % {"case": case_id})
    if not isinstance(case.get("data"), dict):
        findings.append(
            _("Fall „%(case)s“: „data“ muss ein Objekt sein.") % {"case": case_id}
        )
        case["data"] = {}
    if not isinstance(case.get("expected"), dict):
        findings.append(
            _("Fall „%(case)s“: „expected“ muss ein Objekt sein.") % {"case": case_id}
        )
        case["expected"] = {}
    for task_id, values in case["expected"].items():
        if task_id not in info.user_tasks:
            findings.append(
                _("Fall „%(case)s“ erwartet Werte für die unbekannte Aufgabe „%(id)s“.")
                % {"case": case_id, "id": task_id}
            )
            continue
        if not isinstance(values, dict):
            findings.append(
                _("Fall „%(case)s“: Die Werte für „%(id)s“ sind kein Objekt.")
                % {"case": case_id, "id": task_id}
            )
            continue
        properties = _properties(tasks.get(task_id))
        findings += [
            _(
                "Fall „%(case)s“ erwartet das Feld „%(field)s“, das die Aufgabe "
                "„%(task)s“ nicht hat."
            )
            % {
                "case": case_id,
                "field": field_name,
                "task": info.user_tasks[task_id]["name"],
            }
            for field_name in values
            if field_name not in properties
        ]
    findings += _check_choices(case, info)
    findings += _check_simulate(case, info)
    if case.get("expected_end") not in info.end_events:
        findings.append(
            _(
                "Fall „%(case)s“: Das erwartete Ende „%(end)s“ ist kein Endereignis "
                "des Prozesses. Möglich sind: %(ends)s."
            )
            % {
                "case": case_id,
                "end": case.get("expected_end"),
                "ends": ", ".join(
                    f"{end} („{name}“)" for end, name in info.end_events.items()
                ),
            }
        )
    return findings


def _check_choices(case: dict, info: ProcessInfo) -> Findings:
    """``choices``: gateway id → the id of one of its outgoing flows."""
    case_id = case.get("id")
    choices = case.get("choices", {})
    if not isinstance(choices, dict):
        case["choices"] = {}
        return [
            _("Fall „%(case)s“: „choices“ muss ein Objekt sein (Verzweigung → Fluss).")
            % {"case": case_id}
        ]
    findings: Findings = []
    for gateway, flow in choices.items():
        choice = info.choices.get(gateway)
        if choice is None:
            findings.append(
                _(
                    "Fall „%(case)s“ nennt in „choices“ „%(id)s“; das ist keine "
                    "Verzweigung, an der gewählt wird."
                )
                % {"case": case_id, "id": gateway}
            )
            continue
        flows = [option["flow"] for option in choice["options"]]
        if flow not in flows:
            findings.append(
                _(
                    "Fall „%(case)s“: An der Verzweigung %(gateway)s ist „%(flow)s“ "
                    "kein ausgehender Fluss. Möglich sind: %(flows)s."
                )
                % {
                    "case": case_id,
                    "gateway": choice["label"],
                    "flow": flow,
                    "flows": ", ".join(
                        f"{o['flow']} („{o['label']}“)" for o in choice["options"]
                    ),
                }
            )
    return findings


def _check_simulate(case: dict, info: ProcessInfo) -> Findings:
    """``simulate``: automatic step id → the data it produces."""
    case_id = case.get("id")
    simulate = case.get("simulate", {})
    if not isinstance(simulate, dict):
        case["simulate"] = {}
        return [
            _("Fall „%(case)s“: „simulate“ muss ein Objekt sein.") % {"case": case_id}
        ]
    findings: Findings = []
    for element, data in simulate.items():
        if element not in info.simulated:
            findings.append(
                _(
                    "Fall „%(case)s“ simuliert „%(id)s“; das ist kein automatischer "
                    "Schritt des Prozesses."
                )
                % {"case": case_id, "id": element}
            )
        elif not isinstance(data, dict):
            findings.append(
                _(
                    "Fall „%(case)s“: Die Daten des automatischen Schritts "
                    "„%(id)s“ müssen ein Objekt sein."
                )
                % {"case": case_id, "id": element}
            )
    return findings


def _properties(task: Any) -> dict:
    form = task.get("form") if isinstance(task, dict) else None
    properties = form.get("properties") if isinstance(form, dict) else None
    return properties if isinstance(properties, dict) else {}


def check_reads(
    manifest: dict, info: ProcessInfo, decision_outputs: dict[str, set[str]]
) -> Findings:
    """Every path a task may read must exist somewhere: in a case, a form, a
    script or a decision output."""
    known = known_paths(manifest, info, decision_outputs)
    findings: Findings = []
    for task_id, task in manifest["tasks"].items():
        if not isinstance(task, dict) or task_id not in info.user_tasks:
            continue
        findings += [
            _(
                "Die Aufgabe „%(task)s“ (%(id)s) liest „%(path)s“; dieses Feld gibt "
                "es in keinem Fall, keinem Formular, keinem automatischen Schritt "
                "(„simulate“) und keiner Entscheidung. Bitte ergänzen Sie es oder "
                "streichen Sie es aus „reads“."
            )
            % {"task": info.user_tasks[task_id]["name"], "id": task_id, "path": path}
            for path in task.get("reads", [])
            if path not in known
        ]
    return findings


def known_paths(
    manifest: dict, info: ProcessInfo, decision_outputs: dict[str, set[str]]
) -> set[str]:
    known = set(info.script_names)
    for names in decision_outputs.values():
        known |= names
    for task in manifest["tasks"].values():
        known |= set(_properties(task))
    for case in manifest["cases"]:
        if isinstance(case, dict):
            known |= data_paths(case["data"])
            for produced in (case.get("simulate") or {}).values():
                known |= data_paths(produced)
    return known


def data_paths(data: Any, prefix: str = "") -> set[str]:
    """``{"antrag": {"rasse": ...}}`` → ``{"antrag", "antrag.rasse"}``."""
    paths: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            path = f"{prefix}{key}"
            paths.add(path)
            paths |= data_paths(value, path + ".")
    return paths
