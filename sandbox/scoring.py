"""Scoring of a sandbox run: a score 0–100 and findings in plain German.

Pure functions, no database. 100 means every expected value matched and the run
ended at the expected end event. Each wrong or missing expected value costs one
unit, a wrong end costs two, and in practice mode each hint costs
``HINT_PENALTY`` points. Only the lanes the trainee played are scored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

HINT_PENALTY = 10
END_WEIGHT = 2
NUMBER_TOLERANCE = 0.005


@dataclass
class Result:
    score: int
    passed: bool
    findings: list[dict] = field(default_factory=list)


def format_value(value: Any) -> str:
    if value is True:
        return "Ja"
    if value is False:
        return "Nein"
    if value is None:
        return "nichts"
    if isinstance(value, float):
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return text.replace(".", ",")
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


def _field_title(manifest: dict, element: str, name: str) -> str:
    properties = (
        manifest["tasks"].get(element, {}).get("form", {}).get("properties", {})
    )
    return properties.get(name, {}).get("title") or name


def _explanation(case: dict, element: str, name: str) -> str:
    text = (case.get("explanations") or {}).get(element, {}).get(name)
    return f" {text}" if text else ""


def step_findings(
    *, manifest: dict, case: dict, element: str, step_name: str, submitted: dict
) -> list[dict]:
    """Findings for one submitted step (the feedback of practice mode)."""
    expected = case.get("expected", {}).get(element)
    if expected is None:
        return [
            {
                "element": element,
                "field": None,
                "message": (
                    f"Der Schritt „{step_name}“ ist in diesem Fall nicht vorgesehen: "
                    "Der Prozess hat an einer Verzweigung einen anderen Weg genommen."
                ),
            }
        ]
    findings = []
    for name, value in expected.items():
        given = submitted.get(name)
        if not values_match(value, given):
            findings.append(
                {
                    "element": element,
                    "field": name,
                    "message": (
                        f"Im Schritt „{step_name}“ wurde bei „"
                        f"{_field_title(manifest, element, name)}“ "
                        f"„{format_value(given)}“ eingetragen; erwartet war "
                        f"„{format_value(value)}“."
                        f"{_explanation(case, element, name)}"
                    ),
                }
            )
    return findings


def score_run(
    *,
    manifest: dict,
    case: dict,
    element_names: dict[str, str],
    played: set[str],
    steps: list[dict],
    hints: list[dict],
    end_event: str | None,
    mode: str,
) -> Result:
    """Score a finished run.

    ``played`` holds the user-task element ids the trainee had to do (tasks of
    lanes not played are excluded); ``steps`` the submissions in order, each
    ``{"element", "data", "auto"}``; ``hints`` the hints taken.
    """
    name = element_names.get
    submitted: dict[str, dict] = {}
    for step in steps:
        if not step.get("auto"):
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
            wanted = ", ".join(
                f"{_field_title(manifest, element, k)} = {format_value(v)}"
                for k, v in values.items()
            )
            findings.append(
                {
                    "element": element,
                    "field": None,
                    "message": (
                        f"Der Schritt „{step_name}“ wurde nicht erreicht, weil der "
                        f"Prozess einen anderen Weg genommen hat. Erwartet war dort: "
                        f"{wanted}."
                    ),
                }
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
        if element not in case.get("expected", {}):
            findings.extend(
                step_findings(
                    manifest=manifest,
                    case=case,
                    element=element,
                    step_name=name(element) or element,
                    submitted=submitted[element],
                )
            )
    expected_end = case.get("expected_end")
    units += END_WEIGHT
    if end_event != expected_end:
        lost += END_WEIGHT
        findings.append(
            {
                "element": end_event or expected_end,
                "field": None,
                "message": (
                    f"Der Durchlauf endete bei „{name(end_event or '') or end_event}“; "
                    "richtig wäre "
                    f"„{name(expected_end or '') or expected_end}“ gewesen, "
                    "weil an einer Verzweigung mit den eingetragenen Werten "
                    "ein anderer "
                    "Weg gewählt wurde."
                ),
            }
        )
    score = round(100 * (units - lost) / units) if units else 100
    if mode == "practice":
        for hint in hints:
            score -= HINT_PENALTY
            findings.append(
                {
                    "element": hint["element"],
                    "field": None,
                    "message": (
                        "Im Schritt "
                        f"„{name(hint['element']) or hint['element']}“ wurde "
                        f"ein Hinweis genutzt (−{HINT_PENALTY} Punkte)."
                    ),
                }
            )
    score = max(0, min(100, score))
    pass_mark = manifest.get("scoring", {}).get("pass_mark", 80)
    return Result(score=score, passed=score >= pass_mark, findings=findings)
