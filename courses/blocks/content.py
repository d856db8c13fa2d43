"""Text blocks of a lesson: headings, rich text, callouts, step-by-step guides, and
the "read and understood" acknowledgement of a mandatory instruction."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from courses.blocks.base import (
    ALT_TEXT_MISSING,
    SHORT_RICH_TEXT_FEATURES,
    AccessibleStructBlock,
)


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Überschrift"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Ebene"),
        choices=[("h2", _("Abschnitt")), ("h3", _("Unterabschnitt"))],
        default="h2",
    )

    class Meta:
        label = _("Überschrift")
        icon = "title"
        template = "courses/blocks/heading_block.html"
        help_text = _(
            "Kurz und aussagekräftig; „Abschnitt“ für die Hauptteile der Lektion."
        )
        description = _("Gliedert die Lektion in Abschnitte.")
        preview_value = {"text": "Was ändert sich für Sie?", "level": "h2"}


class TextBlock(blocks.RichTextBlock):
    class Meta:
        label = _("Text")
        icon = "pilcrow"
        template = "courses/blocks/text_block.html"
        help_text = _(
            "Kurze Absätze lesen sich am Telefon besser. Zwischentitel: H3 und H4."
        )
        description = _("Fließtext mit fett, kursiv, Listen, Links und Zwischentiteln.")
        preview_value = (
            "<p>Der Antrag kommt jetzt <b>digital</b> an – Sie prüfen ihn am "
            "Bildschirm statt auf Papier.</p>"
        )


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Art"),
        choices=[
            ("tip", _("Tipp")),
            ("important", _("Wichtig")),
            ("data_protection", _("Datenschutz")),
        ],
        default="tip",
    )
    title = blocks.CharBlock(label=_("Titel"), required=False)
    text = blocks.RichTextBlock(label=_("Text"), features=SHORT_RICH_TEXT_FEATURES)

    class Meta:
        label = _("Hinweiskasten")
        icon = "warning"
        template = "courses/blocks/callout_block.html"
        help_text = _("Sparsam einsetzen: Tipp, Wichtig oder Datenschutz.")
        description = _(
            "Hebt einen Tipp, etwas Wichtiges oder einen Datenschutzhinweis hervor."
        )
        preview_value = {
            "kind": "data_protection",
            "title": "Nur was nötig ist",
            "text": "<p>Die Steuerstelle erhält Name, Anschrift und Hundezahl – "
            "nicht die ganze Akte.</p>",
        }


class StepBlock(AccessibleStructBlock):
    text = blocks.RichTextBlock(
        label=_("Was ist zu tun?"), features=SHORT_RICH_TEXT_FEATURES
    )
    screenshot = ImageChooserBlock(label=_("Bildschirmfoto"), required=False)
    screenshot_alt = blocks.CharBlock(
        label=_("Alternativtext des Bildschirmfotos"),
        required=False,
        help_text=_("Pflicht, wenn ein Bildschirmfoto gewählt ist."),
    )

    def accessibility_errors(self, value):
        if value.get("screenshot") and not (value.get("screenshot_alt") or "").strip():
            return {"screenshot_alt": ALT_TEXT_MISSING}
        return {}

    class Meta:
        label = _("Schritt")
        icon = "list-ol"


class StepByStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), default=_("So geht's"))
    intro = blocks.TextBlock(label=_("Einleitung"), required=False)
    steps = blocks.ListBlock(StepBlock(), label=_("Schritte"), min_num=1)

    class Meta:
        label = _("Schritt-für-Schritt-Anleitung")
        icon = "list-ol"
        template = "courses/blocks/step_by_step_block.html"
        help_text = _(
            "Ein Schritt = eine Handlung. Bildschirmfotos brauchen einen Alternativtext."
        )
        description = _(
            "„So geht's“: nummerierte Schritte mit optionalem Bildschirmfoto – "
            "der beste Weg, ein neues digitales Formular zu zeigen."
        )
        preview_value = {
            "title": "So geht's",
            "steps": [
                {"text": "<p>Öffnen Sie den Posteingang des Fachverfahrens.</p>"},
                {"text": "<p>Wählen Sie den neuen Antrag aus.</p>"},
            ],
        }


# --- Quiz ------------------------------------------------------------------------------


class AcknowledgementBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), default=_("Kenntnisnahme"))
    text = blocks.RichTextBlock(
        label=_("Was bestätigt wird"), features=SHORT_RICH_TEXT_FEATURES
    )
    statement = blocks.CharBlock(
        label=_("Bestätigungssatz"),
        default=_("Ich habe die Inhalte gelesen und verstanden."),
    )

    class Meta:
        label = _("Kenntnisnahme")
        icon = "success"
        template = "courses/blocks/acknowledgement_block.html"
        preview_value = {
            "title": "Kenntnisnahme",
            "text": "<p>Ich kenne die Regeln zur Datenminimierung.</p>",
            "statement": "Ich habe die Inhalte gelesen und verstanden.",
        }
        help_text = _(
            "Für Pflichtunterweisungen: Lernende bestätigen, dass sie den Inhalt gelesen und verstanden haben."
        )
        description = _("„Gelesen und verstanden“ für Pflichtunterweisungen.")


# Migrations name TextBlock by its path before blocks became a package.
DECONSTRUCT_ALIASES = {TextBlock: "courses.blocks.TextBlock"}
