"""Quiz grading on the server: one function for HTML forms and the API.

`answers_from_form` turns the quiz form's fields into the API's answer shape, then
`quiz_grade` grades that shape against the answer key read from `courses`. A
question counts as right or wrong as a whole; the score is the share of right
questions in whole percent.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import asdict, dataclass
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from common.text import data_problem

SINGLE, MULTIPLE, TRUE_FALSE, ORDERING, NUMERIC = (
    "single",
    "multiple",
    "true_false",
    "ordering",
    "numeric",
)


@dataclass
class QuestionFeedback:
    question_id: str
    text: str
    correct: bool
    answered: bool
    explanation: str
    option_feedback: list[str]


@dataclass
class Grade:
    score: int
    passed: bool
    feedback: list[QuestionFeedback]

    def feedback_as_json(self) -> list[dict]:
        return [asdict(item) for item in self.feedback]


def parse_number(raw: Any) -> float | None:
    """A number from JSON or a German form field ("1.234,50", "12,5", "12.5")."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int | float):
        return float(raw) if math.isfinite(raw) else None
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "").replace("€", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def answers_from_form(quiz, data) -> dict[str, Any]:
    """The answers of a posted quiz form (a QueryDict) in the API's shape."""
    answers: dict[str, Any] = {}
    for question in quiz.questions:
        name = f"q-{question.id}"
        if question.kind == MULTIPLE:
            values = data.getlist(name)
            if values:
                answers[question.id] = values
        elif question.kind == ORDERING:
            positions = {}
            for option in question.options:
                raw = data.get(f"{name}-{option.id}", "")
                try:
                    positions[option.id] = int(raw)
                except (TypeError, ValueError):
                    positions = {}
                    break
            if positions:
                answers[question.id] = sorted(positions, key=lambda oid: positions[oid])
        elif question.kind == TRUE_FALSE:
            raw = data.get(name)
            if raw in ("true", "false"):
                answers[question.id] = raw == "true"
        else:
            raw = data.get(name)
            if raw not in (None, ""):
                answers[question.id] = raw
    return answers


def form_values_from_answers(quiz, answers: dict[str, Any]) -> dict[str, list[str]]:
    """The quiz form's fields as these answers fill them in (field name → values).

    The inverse of `answers_from_form`: a retry starts from the last answers.
    """
    values: dict[str, list[str]] = {}
    for question in quiz.questions:
        given = answers.get(question.id)
        name = f"q-{question.id}"
        if given is None or given == "":
            continue
        if question.kind == MULTIPLE and isinstance(given, list | tuple):
            values[name] = [str(x) for x in given]
        elif question.kind == ORDERING and isinstance(given, list | tuple):
            for position, option_id in enumerate(given, start=1):
                values[f"{name}-{option_id}"] = [str(position)]
        elif question.kind == TRUE_FALSE:
            if isinstance(given, str):
                given = {"true": True, "false": False}.get(given.lower())
            if isinstance(given, bool):
                values[name] = ["true" if given else "false"]
        elif question.kind in (SINGLE, NUMERIC) and isinstance(
            given, str | int | float
        ):
            values[name] = [str(given)]
    return values


def _is_correct(question, given: Any) -> bool:
    option_ids = {o.id for o in question.options}
    kind = question.kind
    if kind == SINGLE:
        return given is not None and str(given) == str(question.correct)
    if kind == MULTIPLE:
        if not isinstance(given, list | tuple):
            return False
        chosen = sorted({str(x) for x in given})
        return chosen == sorted(str(x) for x in question.correct)
    if kind == TRUE_FALSE:
        if isinstance(given, str):
            given = {"true": True, "false": False}.get(given.lower())
        return isinstance(given, bool) and given == bool(question.correct)
    if kind == ORDERING:
        if not isinstance(given, list | tuple):
            return False
        order = [str(x) for x in given]
        return set(order) == option_ids and order == [str(x) for x in question.correct]
    if kind == NUMERIC:
        value = parse_number(given)
        if value is None:
            return False
        tolerance = float(question.tolerance or 0)
        return abs(value - float(question.correct)) <= tolerance + 1e-9
    return False


def _option_feedback(question, given: Any) -> list[str]:
    if question.kind not in (SINGLE, MULTIPLE):
        return []
    chosen = given if isinstance(given, list | tuple) else [given]
    chosen_ids = {str(x) for x in chosen}
    return [o.feedback for o in question.options if o.id in chosen_ids and o.feedback]


def quiz_grade(quiz, answers: dict[str, Any], *, pass_mark: int) -> Grade:
    """Grade answers against the quiz's key; missing answers count as wrong."""
    if not isinstance(answers, dict):
        answers = {}
    feedback = []
    for question in quiz.questions:
        given = answers.get(question.id)
        feedback.append(
            QuestionFeedback(
                question_id=question.id,
                text=question.text,
                correct=_is_correct(question, given),
                answered=given not in (None, "", []),
                explanation=question.explanation or "",
                option_feedback=_option_feedback(question, given),
            )
        )
    total = len(feedback)
    right = sum(1 for item in feedback if item.correct)
    score = round(100 * right / total) if total else 0
    return Grade(
        score=score, passed=total > 0 and score >= pass_mark, feedback=feedback
    )


def answers_validate(quiz, answers: Any) -> dict[str, str]:
    """Field errors for answers of the wrong shape (API input); empty if fine."""
    if not isinstance(answers, dict):
        return {"answers": _("Erwartet wird ein Objekt {Frage-ID: Antwort}.")}
    # Answers are ids, flags and numbers: short, few, and never nested deeper.
    problem = data_problem(answers, max_depth=2, max_text_length=100, max_items=100)
    if problem:
        return {problem[0] or "answers": problem[1]}
    known = {q.id: q for q in quiz.questions}
    errors = {}
    for qid, value in answers.items():
        question = known.get(qid)
        if question is None:
            errors[qid] = _("Diese Frage gibt es in diesem Quiz nicht.")
        elif question.kind in (MULTIPLE, ORDERING) and not isinstance(value, list):
            errors[qid] = _("Erwartet wird eine Liste von Antwort-IDs.")
        elif question.kind == TRUE_FALSE and not isinstance(value, bool):
            errors[qid] = _("Erwartet wird true oder false.")
        elif question.kind == NUMERIC and parse_number(value) is None:
            errors[qid] = _("Erwartet wird eine Zahl.")
        elif question.kind == SINGLE and not isinstance(value, str | int):
            errors[qid] = _("Erwartet wird die ID einer Antwort.")
    return errors


def answers_digest(answers: dict[str, Any]) -> str:
    return hashlib.sha256(
        json.dumps(answers, sort_keys=True, default=str).encode()
    ).hexdigest()


def answer_text(question, given: Any) -> str:
    """The learner's own answer as they chose it (option texts, not ids)."""
    if given in (None, "", []):
        return ""
    texts = {str(o.id): o.text for o in question.options}
    kind = question.kind
    if kind == SINGLE:
        return texts.get(str(given), str(given))
    if kind in (MULTIPLE, ORDERING) and isinstance(given, list | tuple):
        separator = ", " if kind == MULTIPLE else " → "
        return separator.join(texts.get(str(x), str(x)) for x in given)
    if kind == TRUE_FALSE:
        if isinstance(given, str):
            given = {"true": True, "false": False}.get(given.lower(), given)
        if isinstance(given, bool):
            return str(_("Richtig") if given else _("Falsch"))
    if kind == NUMERIC:
        value = parse_number(given)
        if value is not None:
            text = formats.number_format(value, use_l10n=True)
            text = text.rstrip("0").rstrip(",.") if "," in text or "." in text else text
            return f"{text} {question.unit}".strip()
    return str(given)
