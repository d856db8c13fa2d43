"""Readiness formula v1 (ADKAR), as a pure function: numbers in, numbers out.

Per person and process every component lies in [0, 1]:

- C: share of the process's required lessons completed
- A: mean over required quizzes of min(1, best score / pass mark)
- S: share of the last three sandbox runs that were clean; missing runs count 0
- F: 1 while the certificate is valid, then falling linearly to 0 over 90 days
- q_e: pulse-survey answer for element e, 1–5 mapped to (x − 1) / 4

Evidence: E_A = q_A, E_D = q_D, E_K = 0.3·C + 0.7·A, E_Ab = S,
E_R = 0.5·q_R + 0.5·F (without a survey answer E_R = F).
R = 100 · Σ w_e·E_e / Σ w_e over the elements with data; a missing survey answer
drops its weight, it never counts 0. Barrier point: the first element in order
A, D, K, Ab, R with E ≤ 0.5. Ready: R ≥ 75 and no barrier point.

Where a process has no required quiz, E_K = C; where it has neither lessons nor
quizzes, K has no data and drops its weight like a missing survey answer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

FORMULA_VERSION = "1"
ELEMENTS: tuple[str, ...] = ("A", "D", "K", "Ab", "R")
WEIGHTS: dict[str, float] = {"A": 0.15, "D": 0.15, "K": 0.25, "Ab": 0.30, "R": 0.15}
BARRIER_THRESHOLD = 0.5
READY_THRESHOLD = 75.0
FRESHNESS_DAYS = 90
RUNS_COUNTED = 3


@dataclass(frozen=True)
class Components:
    """The inputs of one person and process (survey answers already in [0, 1])."""

    completion: float | None  # C; None: the process has no required lessons
    assessment: float | None  # A; None: no required quiz
    sandbox: float  # S
    freshness: float  # F
    survey_a: float | None = None
    survey_d: float | None = None
    survey_r: float | None = None


@dataclass(frozen=True)
class Readiness:
    evidence: dict[str, float]  # only the elements with data
    readiness: float  # 0..100
    barrier: str  # "" or one of ELEMENTS
    ready: bool


def survey_scale(answer: int | None) -> float | None:
    """A 1–5 answer as a value in [0, 1]; no answer stays None."""
    if answer is None:
        return None
    return (answer - 1) / 4


def quiz_component(best_scores: list[float | None], pass_mark: float) -> float | None:
    """A: mean over the required quizzes of min(1, best / pass mark); an unanswered
    quiz counts 0. None if there is no required quiz."""
    if not best_scores:
        return None
    mark = pass_mark if pass_mark > 0 else 100
    return sum(min(1.0, (s or 0) / mark) for s in best_scores) / len(best_scores)


def sandbox_component(clean_runs: int) -> float:
    """S: clean runs among the last three; runs not done count 0."""
    return max(0, min(RUNS_COUNTED, clean_runs)) / RUNS_COUNTED


def freshness_component(
    valid_until: dt.date | None, *, certified: bool, today: dt.date
) -> float:
    """F: 1 while the certificate is valid (no end date: always), then linearly
    down to 0 over 90 days; 0 without a certificate."""
    if not certified:
        return 0.0
    if valid_until is None or today <= valid_until:
        return 1.0
    days_over = (today - valid_until).days
    return max(0.0, 1.0 - days_over / FRESHNESS_DAYS)


def evaluate(c: Components) -> Readiness:
    """Readiness, barrier point and the ready rule for one person and process."""
    evidence: dict[str, float] = {}
    if c.survey_a is not None:
        evidence["A"] = c.survey_a
    if c.survey_d is not None:
        evidence["D"] = c.survey_d
    if c.completion is not None and c.assessment is not None:
        evidence["K"] = 0.3 * c.completion + 0.7 * c.assessment
    elif c.completion is not None:
        evidence["K"] = c.completion
    elif c.assessment is not None:
        evidence["K"] = c.assessment
    evidence["Ab"] = c.sandbox
    if c.survey_r is not None:
        evidence["R"] = 0.5 * c.survey_r + 0.5 * c.freshness
    else:
        evidence["R"] = c.freshness
    weight = sum(WEIGHTS[e] for e in evidence)
    readiness = 100 * sum(WEIGHTS[e] * v for e, v in evidence.items()) / weight
    barrier = next(
        (e for e in ELEMENTS if e in evidence and evidence[e] <= BARRIER_THRESHOLD),
        "",
    )
    return Readiness(
        evidence=evidence,
        readiness=readiness,
        barrier=barrier,
        ready=readiness >= READY_THRESHOLD and not barrier,
    )
