"""The sandbox exercise block: a course names a process by its id, never by import."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from courses.blocks.base import slug_validator


class SandboxExerciseBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), default=_("Im Übungsraum ausprobieren"))
    description = blocks.TextBlock(label=_("Beschreibung"), required=False)
    process_id = blocks.CharBlock(
        label=_("Prozess-ID"),
        max_length=100,
        validators=[slug_validator],
        help_text=_("Die process_id des Prozesspakets, z. B. hund_anmelden."),
    )
    case_id = blocks.CharBlock(
        label=_("Fall-ID"),
        max_length=100,
        validators=[slug_validator],
        help_text=_("Die id eines Falls aus dem Prozesspaket, z. B. labrador."),
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
            "Prozess-ID und Fall-ID stehen im Prozesspaket (sandbox.json), z. B. hund_anmelden und labrador."
        )
        description = _(
            "Startet einen Fall im Übungsraum. Solange das Prozesspaket fehlt, sehen "
            "Lernende den Hinweis „noch nicht verfügbar“."
        )
