"""Auto-solving: each case, played with its expected values, must reach its end.

A package whose cases cannot be solved would give trainees a case without a right
answer, so the import refuses it.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .. import engine, simulation
from ..forms_schema import form_errors
from .findings import Findings


def _named(definition: engine.Definition, element_id: str | None) -> str:
    """„name“ (id) of an element, or „id“ without a name."""
    name = definition.element_name(element_id)
    if name and name != element_id:
        return f"„{name}“ ({element_id})"
    return f"„{element_id or ''}“"


def _values_for(
    definition: engine.Definition, manifest: dict, case: dict, task
) -> tuple[dict, str]:
    """What the case says a person enters at ``task``, or why it cannot say."""
    label = case.get("id")
    element_id = task.task_spec.bpmn_id
    kind = simulation.step_kind(definition, manifest, element_id)
    name = definition.element_name(element_id)
    if kind == "confirm":
        return {}, ""
    if kind == "choice":
        gateway = definition.step_element(element_id)
        flow = (case.get("choices") or {}).get(gateway)
        if flow is None:
            return {}, _(
                "Fall „%(case)s“: An der Verzweigung „%(gateway)s“ (%(id)s) wählt die "
                "übende Person den Weg, aber der Fall sagt nicht, welcher richtig ist. "
                "Ergänzen Sie im Fall „choices“ mit der ID eines ausgehenden Flusses."
            ) % {"case": label, "gateway": name, "id": gateway}
        return simulation.choice_values(flow), ""
    values = case.get("expected", {}).get(element_id)
    if values is None:
        return {}, _(
            "Fall „%(case)s“: Für die Aufgabe „%(task)s“ (%(id)s) fehlen erwartete "
            "Werte („expected“)."
        ) % {"case": label, "task": name, "id": element_id}
    problems = form_errors(manifest["tasks"][element_id]["form"], values)
    if problems:
        details = "; ".join(f"{k}: {v}" for k, v in problems.items())
        return {}, _(
            "Fall „%(case)s“: Die erwarteten Werte für „%(task)s“ passen "
            "nicht zum Formular (%(details)s)."
        ) % {"case": label, "task": name, "details": details}
    return values, ""


def solve_cases(definition: engine.Definition, manifest: dict) -> Findings:
    findings: Findings = []
    for case in manifest["cases"]:
        findings += solve_case(definition, manifest, case)
    return findings


def solve_case(definition: engine.Definition, manifest: dict, case: dict) -> Findings:
    """Play one case with its expected values and choices, simulating the steps
    no person plays; what went wrong (empty: solved)."""
    label = case.get("id")
    try:
        workflow = engine.workflow_start(definition, case.get("data", {}))
        for _step in range(engine.MAX_ENGINE_STEPS):
            simulation.run_automatic(workflow, definition, case, strict=True)
            tasks = engine.ready_tasks(workflow)
            if not tasks:
                break
            task = tasks[0]
            values, problem = _values_for(definition, manifest, case, task)
            if problem:
                return [problem]
            engine.task_complete(workflow, task, values)
        else:
            return [
                _(
                    "Fall „%(case)s“: Der Prozess endet nicht (Schleife?). Prüfen Sie "
                    "die Bedingungen und die Wahl an den Verzweigungen."
                )
                % {"case": label}
            ]
    except simulation.MissingChoice as exc:
        return [_("Fall „%(case)s“: %(reason)s") % {"case": label, "reason": exc}]
    except engine.EngineError as exc:
        return [_("Fall „%(case)s“: %(reason)s") % {"case": label, "reason": exc}]
    if not engine.is_finished(workflow):
        return [
            _("Fall „%(case)s“: Der Prozess bleibt stecken und endet nicht.")
            % {"case": label}
        ]
    end = engine.end_event_reached(workflow)
    if end != case.get("expected_end"):
        return [
            _(
                "Fall „%(case)s“: Mit den erwarteten Werten endet der Prozess bei "
                "%(end)s statt bei %(expected)s. Prüfen Sie die erwarteten Werte, "
                "die Wege in „choices“ und „expected_end“ des Falls."
            )
            % {
                "case": label,
                "end": _named(definition, end),
                "expected": _named(definition, case.get("expected_end")),
            }
        ]
    return []
