"""Scoring of a sandbox run: a score 0–100 and findings that explain it.

Pure functions, no database. 100 means every expected value matched and the run
ended at the expected end event. Each wrong or missing expected value costs one
unit, a wrong end costs two, and where hints cost points (practice mode) each hint
costs ``HINT_PENALTY`` points. Only the lanes the trainee played are scored.

A finding is stored as a code with its parameters, not as a sentence, so that it
is read in the language of whoever looks at the run: ``finding_message`` writes
the sentence when the run is shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

HINT_PENALTY = 10
END_WEIGHT = 2
NUMBER_TOLERANCE = 0.005

MESSAGES = {
    "unexpected_step": gettext_lazy(
        "Der Schritt „%(step)s“ ist in diesem Fall nicht vorgesehen: Der Prozess "
        "hat an einer Verzweigung einen anderen Weg genommen."
    ),
    "wrong_value": gettext_lazy(
        "Im Schritt „%(step)s“ wurde bei „%(field)s“ „%(given)s“ eingetragen; "
        "erwartet war „%(expected)s“."
    ),
    "not_reached": gettext_lazy(
        "Der Schritt „%(step)s“ wurde nicht erreicht, weil der Prozess einen "
        "anderen Weg genommen hat. Erwartet war dort: %(expected)s."
    ),
    "wrong_end": gettext_lazy(
        "Der Durchlauf endete bei „%(end)s“; richtig wäre „%(expected)s“ gewesen, "
        "weil an einer Verzweigung mit den eingetragenen Werten ein anderer Weg "
        "gewählt wurde."
    ),
    "wrong_choice": gettext_lazy(
        "An der Verzweigung „%(step)s“ wurde der Weg „%(given)s“ gewählt; richtig "
        "war „%(expected)s“."
    ),
    "choice_not_reached": gettext_lazy(
        "Die Verzweigung „%(step)s“ wurde nicht erreicht, weil der Prozess vorher "
        "einen anderen Weg genommen hat. Richtig wäre dort „%(expected)s“ gewesen."
    ),
    "hint_taken": gettext_lazy(
        "Im Schritt „%(step)s“ wurde ein Hinweis genutzt (−%(penalty)s Punkte)."
    ),
}


@dataclass
class Result:
    score: int
    passed: bool
    findings: list[dict] = field(default_factory=list)


def format_value(value: Any) -> str:
    if value is True:
        return _("Ja")
    if value is False:
        return _("Nein")
    if value is None:
        return _("nichts")
    if isinstance(value, float):
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return text.replace(".", formats.get_format("DECIMAL_SEPARATOR"))
    return str(value)


def values_match(expected: Any, actual: Any) -> bool:
    if isinstance(expected, bool) or isinstance(actual, bool):
        return (
            isinstance(expected, bool)
            and isinstance(actual, bool)
            and expected == actual
        )
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return abs(expected - actual) < NUMBER_TOLERANCE
    if isinstance(expected, str) and isinstance(actual, str):
        return expected.strip().casefold() == actual.strip().casefold()
    return expected == actual


def _finding(element: str | None, field: str | None, code: str, params: dict) -> dict:
    return {"element": element, "field": field, "code": code, "params": params}


def finding_message(finding: dict) -> str:
    """The sentence of a stored finding, in the active language."""
    if "code" not in finding:  # stored before findings had codes
        return finding.get("message", "")
    params = dict(finding["params"])
    code = finding["code"]
    if code == "wrong_value":
        params["given"] = format_value(params["given"])
        params["expected"] = format_value(params["expected"])
    elif code == "not_reached":
        params["expected"] = ", ".join(
            f"{title} = {format_value(value)}" for title, value in params["expected"]
        )
    message = str(MESSAGES[code]) % params
    # The package's own explanation of the right value (its text, not ours).
    explanation = params.get("explanation")
    return f"{message} {explanation}" if explanation else message


def findings_for_display(findings: list[dict]) -> list[dict]:
    """Stored findings with their sentence in the active language."""
    return [
        {
            "element": finding.get("element"),
            "field": finding.get("field"),
            "message": finding_message(finding),
        }
        for finding in findings
    ]


def _field_title(manifest: dict, element: str, name: str) -> str:
    properties = (
        manifest["tasks"].get(element, {}).get("form", {}).get("properties", {})
    )
    return properties.get(name, {}).get("title") or name


def _option_label(options: list[dict], flow: Any) -> str:
    for option in options:
        if option["flow"] == flow:
            return option["label"]
    return str(flow or "")


def choice_findings(
    *, case: dict, element: str, step_name: str, submitted: dict, options: list[dict]
) -> list[dict]:
    """A wrong way chosen at a gateway (with the case's explanation, if any)."""
    expected = (case.get("choices") or {}).get(element)
    given = submitted.get("flow")
    if expected is None or given == expected:
        return []
    explanation = (case.get("explanations") or {}).get(element, "")
    return [
        _finding(
            element,
            None,
            "wrong_choice",
            {
                "step": step_name,
                "given": _option_label(options, given),
                "expected": _option_label(options, expected),
                "explanation": explanation if isinstance(explanation, str) else "",
            },
        )
    ]


def step_findings(
    *,
    manifest: dict,
    case: dict,
    element: str,
    step_name: str,
    submitted: dict,
    options: list[dict] | None = None,
) -> list[dict]:
    """Findings for one submitted step (the feedback of practice mode);
    ``options`` for a choice at a gateway."""
    if options is not None:
        return choice_findings(
            case=case,
            element=element,
            step_name=step_name,
            submitted=submitted,
            options=options,
        )
    expected = case.get("expected", {}).get(element)
    if expected is None:
        return [_finding(element, None, "unexpected_step", {"step": step_name})]
    explanations = (case.get("explanations") or {}).get(element, {})
    return [
        _finding(
            element,
            name,
            "wrong_value",
            {
                "step": step_name,
                "field": _field_title(manifest, element, name),
                "given": submitted.get(name),
                "expected": value,
                "explanation": explanations.get(name) or "",
            },
        )
        for name, value in expected.items()
        if not values_match(value, submitted.get(name))
    ]


def score_run(
    *,
    manifest: dict,
    case: dict,
    element_names: dict[str, str],
    played: set[str],
    steps: list[dict],
    hints: list[dict],
    end_event: str | None,
    hints_cost_points: bool,
    options: dict[str, list[dict]] | None = None,
) -> Result:
    """Score a finished run.

    ``played`` holds the user-task element ids the trainee had to do (tasks of
    lanes not played are excluded), and the gateways where the trainee chose;
    ``steps`` the submissions in order, each ``{"element", "data", "auto"}``;
    ``hints`` the hints taken; ``options`` the ways of each choice gateway.
    A wrong or missing choice costs one unit like a wrong value.
    """
    options = options or {}
    name = element_names.get
    submitted: dict[str, dict] = {}
    for step in steps:
        # A confirmation has nothing to check; where it lay on the wrong way,
        # the wrong end and the missed steps say so.
        if not step.get("auto") and step.get("kind") != "confirm":
            submitted[step["element"]] = step.get("data") or {}
    findings: list[dict] = []
    units = lost = 0
    for element, values in case.get("expected", {}).items():
        if element not in played:
            continue
        units += len(values)
        step_name = name(element) or element
        if element not in submitted:
            lost += len(values)
            findings.append(
                _finding(
                    element,
                    None,
                    "not_reached",
                    {
                        "step": step_name,
                        "expected": [
                            [_field_title(manifest, element, k), v]
                            for k, v in values.items()
                        ],
                    },
                )
            )
            continue
        step = step_findings(
            manifest=manifest,
            case=case,
            element=element,
            step_name=step_name,
            submitted=submitted[element],
        )
        lost += len(step)
        findings.extend(step)
    for element in submitted:
        if element not in case.get("expected", {}) and element not in options:
            findings.extend(
                step_findings(
                    manifest=manifest,
                    case=case,
                    element=element,
                    step_name=name(element) or element,
                    submitted=submitted[element],
                )
            )
    for element, flow in (case.get("choices") or {}).items():
        if element not in played or element not in options:
            continue
        units += 1
        step_name = name(element) or element
        if element not in submitted:
            lost += 1
            findings.append(
                _finding(
                    element,
                    None,
                    "choice_not_reached",
                    {
                        "step": step_name,
                        "expected": _option_label(options[element], flow),
                    },
                )
            )
            continue
        step = choice_findings(
            case=case,
            element=element,
            step_name=step_name,
            submitted=submitted[element],
            options=options[element],
        )
        lost += len(step)
        findings.extend(step)
    expected_end = case.get("expected_end")
    units += END_WEIGHT
    if end_event != expected_end:
        lost += END_WEIGHT
        findings.append(
            _finding(
                end_event or expected_end,
                None,
                "wrong_end",
                {
                    "end": name(end_event or "") or end_event,
                    "expected": name(expected_end or "") or expected_end,
                },
            )
        )
    score = round(100 * (units - lost) / units) if units else 100
    if hints_cost_points:
        for hint in hints:
            score -= HINT_PENALTY
            findings.append(
                _finding(
                    hint["element"],
                    None,
                    "hint_taken",
                    {
                        "step": name(hint["element"]) or hint["element"],
                        "penalty": HINT_PENALTY,
                    },
                )
            )
    score = max(0, min(100, score))
    pass_mark = manifest.get("scoring", {}).get("pass_mark", 80)
    return Result(score=score, passed=score >= pass_mark, findings=findings)
