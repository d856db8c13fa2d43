"""Auto-solving: each case, played with its expected values, must reach its end.

A package whose cases cannot be solved would give trainees a case without a right
answer, so the import refuses it.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .. import engine
from ..forms_schema import form_errors
from .findings import Findings


def solve_cases(definition: engine.Definition, manifest: dict) -> Findings:
    findings: Findings = []
    for case in manifest["cases"]:
        findings += solve_case(definition, manifest, case)
    return findings


def solve_case(definition: engine.Definition, manifest: dict, case: dict) -> Findings:
    """Play one case with its expected values; what went wrong (empty: solved)."""
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
                return [
                    _(
                        "Fall „%(case)s“: Für die Aufgabe „%(task)s“ fehlen erwartete "
                        "Werte („expected“)."
                    )
                    % {"case": label, "task": name}
                ]
            problems = form_errors(manifest["tasks"][element]["form"], values)
            if problems:
                details = "; ".join(f"{k}: {v}" for k, v in problems.items())
                return [
                    _(
                        "Fall „%(case)s“: Die erwarteten Werte für „%(task)s“ passen "
                        "nicht zum Formular (%(details)s)."
                    )
                    % {"case": label, "task": name, "details": details}
                ]
            engine.task_complete(workflow, task, values)
        else:
            return [
                _("Fall „%(case)s“: Der Prozess endet nicht (Schleife?).")
                % {"case": label}
            ]
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
                "„%(end)s“ statt bei „%(expected)s“."
            )
            % {
                "case": label,
                "end": definition.element_name(end),
                "expected": definition.element_name(case.get("expected_end")),
            }
        ]
    return []
