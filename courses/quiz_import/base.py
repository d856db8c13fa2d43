"""What the three parsers share: the question shapes and the German errors."""

import html
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

import nh3
from django.utils.translation import gettext as _

MAX_QUESTIONS = 200
MAX_TEXT = 2000
MAX_NUMBER = Decimal(10) ** 12


class QuizImportError(Exception):
    """One or more questions are bad; `errors` holds one German sentence each."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Answer:
    text: str
    correct: bool
    feedback: str = ""


@dataclass
class ParsedQuestion:
    """A question as read from the file, before it is checked."""

    number: int
    text: str
    kind: str = ""  # "choice", "true_false", "numeric", or an unsupported name
    answers: list[Answer] = field(default_factory=list)
    multiple: bool | None = None  # choice: None = decide by the number correct
    truth: bool | None = None
    number_value: Decimal | None = None
    tolerance: Decimal = Decimal(0)
    explanation: str = ""
    problem: str = ""  # set by the parser when it could not read the question


def plain_text(value: str) -> str:
    """Text of an HTML fragment (Moodle stores question text as HTML)."""
    return " ".join(html.unescape(nh3.clean(value or "", tags=set())).split())


def _label(question: ParsedQuestion) -> str:
    text = question.text.strip()
    short = text if len(text) <= 40 else text[:39] + "…"
    if short:
        return _("Frage %(number)s („%(text)s“)") % {
            "number": question.number,
            "text": short,
        }
    return _("Frage %(number)s") % {"number": question.number}


def _problem(question: ParsedQuestion) -> str:
    if question.problem:
        return question.problem
    if not question.text.strip():
        return _("Der Fragetext fehlt.")
    if len(question.text) > MAX_TEXT:
        return _("Der Fragetext ist länger als %(max)s Zeichen.") % {"max": MAX_TEXT}
    if question.kind == "true_false":
        return "" if question.truth is not None else _("Richtig oder falsch fehlt.")
    if question.kind == "numeric":
        if question.number_value is None:
            return _("Die richtige Zahl fehlt.")
        for value in (question.number_value, question.tolerance):
            if abs(value) >= MAX_NUMBER:
                return _("Die Zahl ist zu groß (höchstens 12 Stellen vor dem Komma).")
            if value != value.quantize(Decimal("0.01")):
                return _("Die Zahl hat mehr als zwei Nachkommastellen.")
        return ""
    if question.kind != "choice":
        return _(
            "Fragen dieser Art („%(kind)s“) kann Lotse nicht übernehmen: nur "
            "Einfach- und Mehrfachauswahl, richtig/falsch und Zahlen."
        ) % {"kind": question.kind or "?"}
    if len(question.answers) < 2:
        return _("Eine Auswahlfrage braucht mindestens zwei Antworten.")
    if any(not answer.text.strip() for answer in question.answers):
        return _("Eine Antwort hat keinen Text.")
    correct = sum(1 for answer in question.answers if answer.correct)
    if correct == 0:
        return _("Keine Antwort ist als richtig markiert.")
    if question.multiple is False and correct != 1:
        return _("Bei Einfachauswahl muss genau eine Antwort richtig sein.")
    return ""


def question_items(questions: list[ParsedQuestion]) -> list[dict]:
    """Raw `QuestionStreamBlock` items, or QuizImportError listing every bad one."""
    if not questions:
        raise QuizImportError([_("Die Datei enthält keine Fragen.")])
    if len(questions) > MAX_QUESTIONS:
        raise QuizImportError(
            [_("Höchstens %(max)s Fragen auf einmal.") % {"max": MAX_QUESTIONS}]
        )
    errors = []
    for question in questions:
        problem = _problem(question)
        if problem:
            errors.append(f"{_label(question)}: {problem}")
    if errors:
        raise QuizImportError(errors)
    return [_item(question) for question in questions]


def _decimal_text(value: Decimal) -> str:
    """ "96", "0.5", "144" – never "1E+2" or "144.0"."""
    text = format(value.normalize(), "f")
    return text if text != "-0" else "0"


def _item(question: ParsedQuestion) -> dict:
    common = {"text": question.text.strip(), "explanation": question.explanation}
    if question.kind == "true_false":
        value = {**common, "correct": "true" if question.truth else "false"}
        kind = "true_false"
    elif question.kind == "numeric":
        value = {
            **common,
            "answer": _decimal_text(question.number_value),
            "tolerance": _decimal_text(abs(question.tolerance)),
            "unit": "",
        }
        kind = "numeric"
    else:
        correct = sum(1 for answer in question.answers if answer.correct)
        multiple = question.multiple if question.multiple is not None else correct > 1
        kind = "multiple" if multiple else "single"
        value = {
            **common,
            "options": [
                {
                    "type": "item",
                    "id": str(uuid.uuid4()),
                    "value": {
                        "text": answer.text.strip(),
                        "correct": answer.correct,
                        "feedback": answer.feedback,
                    },
                }
                for answer in question.answers
            ],
        }
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}
