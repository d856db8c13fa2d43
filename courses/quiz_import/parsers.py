"""GIFT, Aiken and Moodle XML to `ParsedQuestion`s (checked in `base`)."""

import re
from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.text import text_problem
from courses.quiz_import.base import (
    Answer,
    ParsedQuestion,
    QuizImportError,
    plain_text,
    question_items,
)

FORMATS = {
    "gift": gettext_lazy("GIFT (Moodle-Textformat)"),
    "moodle_xml": gettext_lazy("Moodle XML"),
    "aiken": gettext_lazy("Aiken"),
}

# --- GIFT ---------------------------------------------------------------------------

_ESCAPES = {"\\" + char: f"\x00{index}\x00" for index, char in enumerate(":~=#{}")}


def _escape(text: str) -> str:
    for escaped, placeholder in _ESCAPES.items():
        text = text.replace(escaped, placeholder)
    return text


def _unescape(text: str) -> str:
    for escaped, placeholder in _ESCAPES.items():
        text = text.replace(placeholder, escaped[1])
    return text.replace("\\n", "\n").strip()


def _gift_text(text: str) -> str:
    text = re.sub(r"^\[(html|moodle|plain|markdown)\]", "", text.strip())
    return _unescape(text)


def _number(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _gift_numeric(question: ParsedQuestion, body: str) -> None:
    question.kind = "numeric"
    first = re.split(r"(?<!^)(?==)", body.lstrip("#").strip())[0].lstrip("=")
    first = first.split("#", 1)[0].strip()
    if ".." in first:
        low, high = (_number(part) for part in first.split("..", 1))
        if low is None or high is None:
            question.problem = _("Der Zahlenbereich ist keine gültige Zahl.")
            return
        question.number_value = (low + high) / 2
        question.tolerance = abs(high - low) / 2
        return
    value, _sep, tolerance = first.partition(":")
    question.number_value = _number(value)
    if question.number_value is None:
        question.problem = _("„%(value)s“ ist keine Zahl.") % {"value": value.strip()}
        return
    if tolerance:
        parsed = _number(tolerance)
        if parsed is None:
            question.problem = _("Die Toleranz ist keine Zahl.")
            return
        question.tolerance = parsed


def _gift_answers(question: ParsedQuestion, body: str) -> None:
    body, _sep, general = body.partition("####")
    question.explanation = _unescape(general)
    stripped = body.strip()
    if stripped.startswith("#"):
        _gift_numeric(question, stripped)
        return
    truth = re.fullmatch(r"(TRUE|T|FALSE|F)\s*(#.*)?", stripped, re.S | re.I)
    if truth:
        question.kind = "true_false"
        question.truth = truth.group(1).upper().startswith("T")
        return
    if not stripped:
        question.kind = _("Freitext")
        return
    if "->" in stripped:
        question.kind = _("Zuordnung")
        return
    parts = re.findall(r"([=~])([^=~]*)", stripped)
    if not parts:
        question.problem = _(
            "Die Antworten stehen nicht in der GIFT-Form {=richtig ~falsch}."
        )
        return
    if all(sign == "=" for sign, _text in parts):
        question.kind = _("Kurzantwort")
        return
    question.kind = "choice"
    weighted = False
    for sign, text in parts:
        text, _sep, feedback = text.partition("#")
        weight = re.match(r"\s*%(-?\d+(?:\.\d+)?)%", text)
        if weight:
            weighted = True
            text = text[weight.end() :]
            correct = float(weight.group(1)) > 0
        else:
            correct = sign == "="
        question.answers.append(
            Answer(text=_unescape(text), correct=correct, feedback=_unescape(feedback))
        )
    question.multiple = True if weighted else None


def parse_gift(text: str) -> list[ParsedQuestion]:
    text = _escape(text.replace("\r\n", "\n").lstrip("\ufeff"))
    text = "\n".join(
        "" if line.lstrip().startswith("//") else line for line in text.split("\n")
    )
    questions = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk or chunk.startswith("$CATEGORY"):
            continue
        number = len(questions) + 1
        title = re.match(r"::(.*?)::", chunk, re.S)
        if title:
            chunk = chunk[title.end() :]
        start, end = chunk.find("{"), chunk.rfind("}")
        if start < 0 or end < start:
            questions.append(
                ParsedQuestion(
                    number=number,
                    text=_gift_text(chunk),
                    problem=_("Die Antworten in geschweiften Klammern { } fehlen."),
                )
            )
            continue
        question = ParsedQuestion(
            number=number,
            text=_gift_text(chunk[:start] + " " + chunk[end + 1 :]),
        )
        _gift_answers(question, chunk[start + 1 : end])
        questions.append(question)
    return questions


# --- Aiken --------------------------------------------------------------------------

_AIKEN_OPTION = re.compile(r"^([A-Z])[.)]\s+(.*)$")
_AIKEN_ANSWER = re.compile(r"^ANSWER:\s*([A-Z])?\s*$", re.I)


def parse_aiken(text: str) -> list[ParsedQuestion]:
    questions: list[ParsedQuestion] = []
    current: ParsedQuestion | None = None
    letters: list[str] = []
    for raw in text.replace("\r\n", "\n").lstrip("\ufeff").split("\n"):
        line = raw.strip()
        if not line:
            continue
        if current is None:
            current = ParsedQuestion(
                number=len(questions) + 1, text=line, kind="choice"
            )
            current.multiple = False
            letters = []
            continue
        option = _AIKEN_OPTION.match(line)
        answer = _AIKEN_ANSWER.match(line)
        if answer:
            letter = (answer.group(1) or "").upper()
            if letter not in letters:
                current.problem = _(
                    "Die Zeile ANSWER nennt keinen der Buchstaben der Antworten."
                )
            else:
                current.answers[letters.index(letter)].correct = True
            questions.append(current)
            current = None
        elif option:
            letters.append(option.group(1))
            current.answers.append(Answer(text=option.group(2), correct=False))
        elif not current.answers:
            current.text += " " + line
        else:
            current.problem = _(
                "Die Zeile „%(line)s“ ist weder eine Antwort (A. …) noch ANSWER: …"
            ) % {"line": line[:40]}
    if current is not None:
        current.problem = current.problem or _("Die Zeile ANSWER: … fehlt.")
        questions.append(current)
    return questions


# --- Moodle XML -----------------------------------------------------------------------


def _child_text(element: Element, path: str) -> str:
    found = element.find(path)
    return (found.text or "") if found is not None else ""


def parse_moodle_xml(text: str) -> list[ParsedQuestion]:
    try:
        root = ElementTree.fromstring(text.lstrip("\ufeff").encode("utf-8"))
    except (ElementTree.ParseError, DefusedXmlException) as error:
        raise QuizImportError(
            [
                _("Die Datei ist kein gültiges Moodle XML (%(error)s).")
                % {"error": error}
            ]
        ) from None
    if root.tag != "quiz":
        raise QuizImportError([_("Moodle XML beginnt mit <quiz>; diese Datei nicht.")])
    questions = []
    for element in root.findall("question"):
        kind = element.get("type", "")
        if kind == "category":
            continue
        question = ParsedQuestion(
            number=len(questions) + 1,
            text=plain_text(_child_text(element, "questiontext/text")),
            explanation=plain_text(_child_text(element, "generalfeedback/text")),
        )
        answers = element.findall("answer")
        if kind == "multichoice":
            question.kind = "choice"
            question.multiple = _child_text(element, "single").strip().lower() not in (
                "true",
                "1",
            )
            for answer in answers:
                fraction = _number(answer.get("fraction", "0")) or Decimal(0)
                question.answers.append(
                    Answer(
                        text=plain_text(_child_text(answer, "text")),
                        correct=fraction > 0,
                        feedback=plain_text(_child_text(answer, "feedback/text")),
                    )
                )
        elif kind == "truefalse":
            question.kind = "true_false"
            for answer in answers:
                if (_number(answer.get("fraction", "0")) or 0) > 0:
                    question.truth = (
                        _child_text(answer, "text").strip().lower() == "true"
                    )
        elif kind == "numerical":
            question.kind = "numeric"
            right = next(
                (a for a in answers if (_number(a.get("fraction", "0")) or 0) > 0), None
            )
            if right is not None:
                question.number_value = _number(_child_text(right, "text"))
                question.tolerance = _number(
                    _child_text(right, "tolerance") or "0"
                ) or Decimal(0)
        else:
            question.kind = kind or "?"
        questions.append(question)
    return questions


PARSERS = {"gift": parse_gift, "moodle_xml": parse_moodle_xml, "aiken": parse_aiken}


def parse_questions(text: str, fmt: str) -> list[dict]:
    """Raw question items from a file's text in format `fmt`, or QuizImportError."""
    problem = text_problem(text)
    if problem:
        raise QuizImportError([problem])
    if fmt not in PARSERS:
        raise QuizImportError([_("Dieses Format kennt Lotse nicht.")])
    return question_items(PARSERS[fmt](text))
