"""The sandbox exercise block: a course names a process by its id, never by import.

Trainers choose the process and its case from lists of the live sandbox processes.
`courses` does not import `sandbox`: the lists come from the callable named by the
setting ``LOTSE_SANDBOX_EXERCISE_CHOICES`` (wired in config). A process or case
that is not (or no longer) live is an error before submitting or publishing.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

PROCESS_MISSING = _(
    "Diesen Übungsraum gibt es nicht oder er ist nicht freigegeben. Wählen Sie einen "
    "Prozess aus der Liste."
)
CASE_MISSING = _(
    "Dieser Fall gehört nicht zum gewählten Prozess. Wählen Sie einen Fall dieses "
    "Prozesses."
)


def exercise_processes() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """The live sandbox processes with their cases (see the module docstring)."""
    path = getattr(settings, "LOTSE_SANDBOX_EXERCISE_CHOICES", "")
    return list(import_string(path)()) if path else []


def process_choices() -> list[tuple[str, str]]:
    return [("", "---------")] + [
        (process_id, f"{title} ({process_id})")
        for process_id, title, _cases in exercise_processes()
    ]


def case_choices() -> list:
    """Cases grouped by process, so the list says which case belongs where."""
    return [("", "---------")] + [
        (title, [(case_id, case_title) for case_id, case_title in cases])
        for _process_id, title, cases in exercise_processes()
        if cases
    ]


class _LiveChoiceField(forms.ChoiceField):
    def valid_value(self, value):
        # Checked by SandboxExerciseBlock.clean, which says what is wrong.
        return True


class LiveChoiceBlock(blocks.ChoiceBlock):
    """A list of what is live now; a stored value that is no longer listed is
    explained by the exercise block instead of a generic "invalid choice"."""

    def get_field(self, **kwargs):
        return _LiveChoiceField(**kwargs)


class SandboxExerciseBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), default=_("Im Übungsraum ausprobieren"))
    description = blocks.TextBlock(label=_("Beschreibung"), required=False)
    process_id = LiveChoiceBlock(
        label=_("Prozess"),
        choices=process_choices,
        help_text=_(
            "Die freigegebenen Übungsräume; neue laden Sie unter „Übungsräume“ hoch."
        ),
    )
    case_id = LiveChoiceBlock(
        label=_("Fall"),
        choices=case_choices,
        help_text=_("Ein Fall des gewählten Prozesses."),
    )
    mode = blocks.ChoiceBlock(
        label=_("Modus"),
        choices=[
            ("guided", _("Geführt")),
            ("practice", _("Üben")),
            ("exam", _("Prüfung")),
        ],
        default="guided",
    )

    def clean(self, value):
        value = super().clean(value)
        if self.is_deferred_validation:
            return value
        cases = {
            process_id: {case_id for case_id, _title in process_cases}
            for process_id, _title, process_cases in exercise_processes()
        }
        process_id, case_id = value.get("process_id"), value.get("case_id")
        if process_id not in cases:
            raise StructBlockValidationError(
                block_errors={"process_id": ValidationError(PROCESS_MISSING)}
            )
        if case_id not in cases[process_id]:
            raise StructBlockValidationError(
                block_errors={"case_id": ValidationError(CASE_MISSING)}
            )
        return value

    class Meta:
        label = _("Übung im Übungsraum")
        icon = "cogs"
        template = "courses/blocks/sandbox_exercise_block.html"
        preview_value = {
            "title": "Im Übungsraum ausprobieren",
            "description": "Spielen Sie eine Erstanmeldung durch.",
            "process_id": "hund_anmelden",
            "case_id": "labrador",
            "mode": "guided",
        }
        help_text = _(
            "Wählen Sie einen freigegebenen Übungsraum und einen seiner Fälle aus der Liste."
        )
        description = _(
            "Startet einen Fall im Übungsraum. Nur freigegebene Übungsräume lassen sich "
            "auswählen."
        )
