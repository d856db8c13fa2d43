"""German sentences for what the engine (SpiffWorkflow, lxml's schema check) reports.

The engine speaks English and Python; a trainer must never read either. Each known
kind of failure becomes a sentence that names the element (name and id) and says
what to do; anything unknown becomes a general sentence, never the raw text.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from . import expressions
from .bpmn_vocabulary import CHOICE_SUFFIX

_XSD_ELEMENT = re.compile(
    r"Element '(?:\{[^}]*\})?([\w.-]+)'(?:, attribute '([\w:.-]+)')?"
)
_MISSING_NAME = re.compile(r"name '(\w+)' is not defined")


def _label(name: str | None, element_id: str | None) -> str:
    name = (name or "").strip()
    element_id = (element_id or "").strip()
    if name and element_id and name != element_id:
        return f"„{name}“ ({element_id})"
    return f"„{name or element_id or '?'}“"


def schema_error(member: str, message: str, line: object) -> str:
    """A schema violation (lxml's text) as a German sentence."""
    match = _XSD_ELEMENT.search(message or "")
    names = {"member": member, "line": line or _("unbekannt")}
    if match and match.group(2):
        names.update(element=match.group(1), attribute=match.group(2))
        return (
            _(
                "%(member)s entspricht nicht dem BPMN-2.0-Schema: In Zeile %(line)s hat "
                "das Element „%(element)s“ beim Attribut „%(attribute)s“ einen "
                "ungültigen Wert. Bitte korrigieren Sie es im Modellierungswerkzeug und "
                "exportieren Sie das Modell erneut."
            )
            % names
        )
    if match:
        names["element"] = match.group(1)
        return (
            _(
                "%(member)s entspricht nicht dem BPMN-2.0-Schema: Das Element "
                "„%(element)s“ in Zeile %(line)s steht an einer unerlaubten Stelle oder "
                "ist unvollständig. Bitte korrigieren Sie es im Modellierungswerkzeug "
                "und exportieren Sie das Modell erneut."
            )
            % names
        )
    return (
        _(
            "%(member)s entspricht nicht dem BPMN-2.0-Schema (Zeile %(line)s). Bitte "
            "exportieren Sie das Modell erneut als BPMN 2.0 aus dem "
            "Modellierungswerkzeug."
        )
        % names
    )


# Texts of SpiffWorkflow's parser → what the trainer should do.
_PARSER_KINDS = (
    (
        "without condition",
        lambda: _(
            "Ein ausgehender Fluss hat keine Bedingung. Geben Sie jedem Fluss eine "
            "Bedingung oder markieren Sie einen als Standardfluss."
        ),
    ),
    (
        "Multiple outgoing flows",
        lambda: _(
            "Das Element hat mehrere ausgehende Flüsse mit Bedingungen. Setzen Sie "
            "eine Verzweigung (Gateway) dahinter."
        ),
    ),
    (
        "No start event",
        lambda: _("Der Prozess hat kein Startereignis. Bitte ergänzen Sie eines."),
    ),
    (
        "not executable",
        lambda: _("Der Prozess ist als nicht ausführbar markiert."),
    ),
    (
        "Duplicate process ID",
        lambda: _("Die Prozess-ID kommt mehrfach vor. Bitte vergeben Sie eine neue."),
    ),
    (
        "no support implemented",
        lambda: _(
            "Diese Art von Element kann der Übungsraum nicht nachspielen. Bitte "
            "ersetzen Sie es durch eine Aufgabe."
        ),
    ),
    (
        "Loop",
        lambda: _(
            "Wiederholte Aufgaben (Schleifen, Mehrfachinstanzen) kann der Übungsraum "
            "nicht nachspielen. Bitte modellieren Sie sie als einzelne Aufgabe."
        ),
    ),
    (
        "identifier is missing",
        lambda: _(
            "Ein Ereignis verweist auf eine Nachricht, ein Signal oder einen Fehler, "
            "die im Modell fehlen. Bitte ergänzen Sie die Definition."
        ),
    ),
    (
        "decision",
        lambda: _(
            "Die genannte Entscheidungstabelle fehlt in decisions.dmn. Bitte fügen "
            "Sie sie hinzu oder entfernen Sie den Verweis."
        ),
    ),
)


def parser_error(exc: Exception) -> str:
    """What SpiffWorkflow's parser refused, in German, naming the element."""
    text = str(exc)
    reason = _(
        "Der Übungsraum kann es nicht lesen. Bitte prüfen Sie das Element im "
        "Modellierungswerkzeug."
    )
    for fragment, message in _PARSER_KINDS:
        if fragment.lower() in text.lower():
            reason = message()
            break
    element_id = getattr(exc, "id", "") or ""
    name = getattr(exc, "name", "") or ""
    if element_id or name:
        return _("Das Element %(element)s: %(reason)s") % {
            "element": _label(name, element_id),
            "reason": reason,
        }
    return _("Der Prozess kann nicht gelesen werden: %(reason)s") % {"reason": reason}


def root_cause(exc: BaseException) -> BaseException:
    seen = set()
    while id(exc) not in seen:
        seen.add(id(exc))
        inner = exc.__cause__ or exc.__context__ or getattr(exc, "error", None)
        if not isinstance(inner, BaseException):
            break
        exc = inner
    return exc


def run_reason(exc: BaseException) -> str:
    """Why the process stopped, from the engine's exception, in German."""
    cause = root_cause(exc)
    if isinstance(cause, expressions.UnsafeExpression):
        return _("Ein Ausdruck ist nicht erlaubt (%(reason)s).") % {
            "reason": cause.args[0] if cause.args else ""
        }
    if isinstance(cause, NameError):
        match = _MISSING_NAME.search(str(cause))
        name = match.group(1) if match else getattr(cause, "name", "") or "?"
        return _(
            "Der Wert „%(name)s“ fehlt in den Falldaten. Ergänzen Sie ihn im Fall "
            "(„data“ oder „simulate“) oder in einem Formular."
        ) % {"name": name}
    if isinstance(cause, KeyError):
        key = cause.args[0] if cause.args else "?"
        return _(
            "Der Wert „%(name)s“ fehlt in den Falldaten. Ergänzen Sie ihn im Fall."
        ) % {"name": key}
    if isinstance(cause, ZeroDivisionError):
        return _("Eine Bedingung teilt durch null. Bitte prüfen Sie die Bedingung.")
    if isinstance(cause, TypeError):
        return _(
            "Eine Bedingung vergleicht oder rechnet mit Werten, die nicht "
            "zusammenpassen (zum Beispiel Text und Zahl). Bitte prüfen Sie die "
            "Bedingung und die Falldaten."
        )
    text = str(exc)
    if "No conditions satisfied" in text or "no conditions" in text.lower():
        return _(
            "Keiner der ausgehenden Wege passt zu den Daten. Geben Sie der "
            "Verzweigung einen Standardfluss oder prüfen Sie die Bedingungen."
        )
    if "was not reached" in text:
        return _(
            "Eine zusammenführende Verzweigung wartet auf einen Weg, der nie kommt. "
            "Bitte prüfen Sie, ob Aufteilung und Zusammenführung zueinander passen."
        )
    return _("Der Ablauf kann an dieser Stelle nicht weiterlaufen.")


def run_error(exc: BaseException) -> str:
    """The whole sentence for a run that stopped, naming the step."""
    task = getattr(exc, "task", None)
    reason = run_reason(exc)
    if task is None:
        return _("Der Prozess hält an: %(reason)s") % {"reason": reason}
    spec = task.task_spec
    element_id = (getattr(spec, "bpmn_id", "") or "").replace(CHOICE_SUFFIX, "")
    return _("Der Prozess hält bei %(step)s an: %(reason)s") % {
        "step": _label(getattr(spec, "bpmn_name", ""), element_id),
        "reason": reason,
    }
