"""StreamField blocks of a lesson body.

Every block has a German label, an icon, help text, a template in
`courses/blocks/<block>.html` and, where it makes sense, a preview value. Quiz blocks
store the answer key in the page revision, but their templates never render it:
grading happens on the server in `lms`, which reads the key through
`courses.selectors.quiz_get`.

Accessibility rules that Wagtail cannot check for us (alt text, captions) are block
validation errors. They respect Wagtail's deferred validation, so a draft may be saved
incomplete but cannot be submitted or published.
"""

import random

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtailmedia.blocks import VideoChooserBlock

LESSON_RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "h3", "h4"]
SHORT_RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]

ALT_TEXT_MISSING = _(
    "Bitte geben Sie einen Alternativtext ein: Ohne ihn ist das Bild für Menschen mit "
    "Screenreader nicht zugänglich, und die Lektion kann nicht veröffentlicht werden."
)
CAPTIONS_MISSING = _(
    "Dieses Video hat keine Untertitel (WebVTT-Datei). Laden Sie die Untertitel in der "
    "Medienverwaltung hoch – ohne sie kann die Lektion nicht veröffentlicht werden."
)

slug_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9_-]*$",
    _("Nur Kleinbuchstaben, Ziffern, Bindestrich und Unterstrich sind erlaubt."),
)


def ordering_display_order(item_count: int, seed: str) -> list[int]:
    """Authored indices in the order an ordering question shows them.

    Deterministic per question (seeded by its id), so the page and the answer key in
    `selectors.quiz_get` agree; never the authored (correct) order itself.
    """
    order = list(range(item_count))
    if item_count < 2:
        return order
    random.Random(seed).shuffle(order)
    if order == list(range(item_count)):
        order = order[1:] + order[:1]
    return order


class AccessibleStructBlock(blocks.StructBlock):
    """A StructBlock whose `accessibility_errors()` run only when validation is not deferred."""

    def clean(self, value):
        value = super().clean(value)
        if not self.is_deferred_validation:
            errors = self.accessibility_errors(value)
            if errors:
                raise StructBlockValidationError(
                    block_errors={k: ValidationError(v) for k, v in errors.items()}
                )
        return value

    def accessibility_errors(self, value) -> dict:
        return {}


# --- Content blocks ------------------------------------------------------------------


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


class ImageBlock(AccessibleStructBlock):
    image = ImageChooserBlock(label=_("Bild"))
    alt_text = blocks.CharBlock(
        label=_("Alternativtext"),
        required=False,
        max_length=250,
        help_text=_(
            "Beschreiben Sie, was das Bild zeigt (Pflicht für Barrierefreiheit)."
        ),
    )
    caption = blocks.CharBlock(label=_("Bildunterschrift"), required=False)

    def accessibility_errors(self, value):
        if value.get("image") and not (value.get("alt_text") or "").strip():
            return {"alt_text": ALT_TEXT_MISSING}
        return {}

    class Meta:
        label = _("Bild")
        icon = "image"
        template = "courses/blocks/image_block.html"
        help_text = _(
            "Der Alternativtext beschreibt, was das Bild zeigt; ohne ihn lässt sich die Lektion nicht veröffentlichen."
        )
        description = _("Ein Bild mit Alternativtext und Bildunterschrift.")


class VideoBlock(AccessibleStructBlock):
    video = VideoChooserBlock(label=_("Video"))
    title = blocks.CharBlock(label=_("Titel"), required=False)
    transcript = blocks.TextBlock(
        label=_("Kurzbeschreibung"),
        required=False,
        help_text=_("Worum geht es im Video? Hilft auch beim Überfliegen."),
    )

    def accessibility_errors(self, value):
        video = value.get("video")
        if video and not video.captions:
            return {"video": CAPTIONS_MISSING}
        return {}

    class Meta:
        label = _("Video")
        icon = "media"
        template = "courses/blocks/video_block.html"
        help_text = _(
            "Videos laden Sie unter „Medien“ hoch, immer mit einer WebVTT-Untertiteldatei."
        )
        description = _("Ein hochgeladenes Video mit Untertiteln (WebVTT).")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Dokument"))
    title = blocks.CharBlock(
        label=_("Linktext"), required=False, help_text=_("Leer: Titel des Dokuments.")
    )
    description = blocks.TextBlock(label=_("Beschreibung"), required=False)

    class Meta:
        label = _("Dokument zum Herunterladen")
        icon = "doc-full"
        template = "courses/blocks/document_block.html"
        help_text = _("Am besten barrierefreie PDF- oder ODT-Dateien.")
        description = _("Eine Datei zum Herunterladen, z. B. eine Checkliste.")


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


def _explanation_block():
    return blocks.TextBlock(
        label=_("Erklärung"),
        required=False,
        help_text=_("Wird nach dem Absenden gezeigt, nie vorher."),
    )


class ChoiceOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Antwort"))
    correct = blocks.BooleanBlock(label=_("richtig"), required=False)
    feedback = blocks.TextBlock(
        label=_("Rückmeldung zu dieser Antwort"),
        required=False,
        help_text=_("Optional; erscheint erst nach dem Absenden."),
    )

    class Meta:
        label = _("Antwortmöglichkeit")
        icon = "radio-empty"


class ChoiceQuestionBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Frage"))
    options = blocks.ListBlock(ChoiceOptionBlock(), label=_("Antworten"), min_num=2)
    explanation = _explanation_block()

    kind = ""

    def clean(self, value):
        value = super().clean(value)
        if not self.is_deferred_validation:
            correct = sum(1 for option in value["options"] if option["correct"])
            message = self.correct_count_error(correct)
            if message:
                raise StructBlockValidationError(
                    block_errors={"options": ValidationError(message)}
                )
        return value

    def correct_count_error(self, correct: int):
        return None


class SingleChoiceQuestionBlock(ChoiceQuestionBlock):
    kind = "single"

    def correct_count_error(self, correct):
        if correct != 1:
            return _("Markieren Sie genau eine Antwort als richtig.")
        return None

    class Meta:
        label = _("Einfachauswahl")
        icon = "radio-full"
        template = "courses/blocks/question_single.html"


class MultipleChoiceQuestionBlock(ChoiceQuestionBlock):
    kind = "multiple"

    def correct_count_error(self, correct):
        if correct < 1:
            return _("Markieren Sie mindestens eine Antwort als richtig.")
        return None

    class Meta:
        label = _("Mehrfachauswahl")
        icon = "tasks"
        template = "courses/blocks/question_multiple.html"


class TrueFalseQuestionBlock(blocks.StructBlock):
    kind = "true_false"
    text = blocks.TextBlock(label=_("Aussage"))
    correct = blocks.ChoiceBlock(
        label=_("Die Aussage ist"),
        choices=[("true", _("richtig")), ("false", _("falsch"))],
    )
    explanation = _explanation_block()

    class Meta:
        label = _("Richtig oder falsch")
        icon = "circle-check"
        template = "courses/blocks/question_true_false.html"


class OrderingQuestionBlock(blocks.StructBlock):
    kind = "ordering"
    text = blocks.TextBlock(label=_("Aufgabe"))
    items = blocks.ListBlock(
        blocks.CharBlock(label=_("Schritt")),
        label=_("Schritte in der richtigen Reihenfolge"),
        min_num=2,
        help_text=_("Lernende sehen die Schritte gemischt."),
    )
    explanation = _explanation_block()

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        question_id = (parent_context or {}).get("question_id") or ""
        items = list(value["items"])
        order = ordering_display_order(len(items), str(question_id))
        context["display_items"] = [
            {"option_id": str(position), "text": items[authored]}
            for position, authored in enumerate(order)
        ]
        context["positions"] = range(1, len(items) + 1)
        return context

    class Meta:
        label = _("Reihenfolge")
        icon = "order"
        template = "courses/blocks/question_ordering.html"


class NumericQuestionBlock(blocks.StructBlock):
    kind = "numeric"
    text = blocks.TextBlock(label=_("Frage"))
    answer = blocks.DecimalBlock(label=_("Richtige Zahl"), decimal_places=2)
    tolerance = blocks.DecimalBlock(
        label=_("Toleranz (±)"), decimal_places=2, min_value=0, default=0
    )
    unit = blocks.CharBlock(label=_("Einheit"), required=False, help_text=_("z. B. €"))
    explanation = _explanation_block()

    class Meta:
        label = _("Zahl")
        icon = "decimal"
        template = "courses/blocks/question_numeric.html"


class QuestionStreamBlock(blocks.StreamBlock):
    single = SingleChoiceQuestionBlock()
    multiple = MultipleChoiceQuestionBlock()
    true_false = TrueFalseQuestionBlock()
    ordering = OrderingQuestionBlock()
    numeric = NumericQuestionBlock()

    class Meta:
        min_num = 1
        label = _("Fragen")


class QuizBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), default=_("Wissen prüfen"))
    intro = blocks.TextBlock(label=_("Einleitung"), required=False)
    questions = QuestionStreamBlock()

    class Meta:
        label = _("Quiz")
        icon = "help"
        template = "courses/blocks/quiz_block.html"
        preview_value = {
            "title": "Wissen prüfen",
            "questions": [
                {
                    "type": "true_false",
                    "value": {
                        "text": "Die Steuerstelle sieht die ganze Akte.",
                        "correct": "false",
                    },
                }
            ],
        }
        help_text = _(
            "Lösungen, Rückmeldungen und Erklärungen sehen Lernende erst nach dem Absenden; bewertet wird auf dem Server."
        )
        description = _(
            "Fragen mit Einfach- und Mehrfachauswahl, richtig/falsch, Reihenfolge oder "
            "Zahl. Die Lösungen erreichen den Browser nie vor dem Absenden."
        )


# --- Learning core hooks -----------------------------------------------------------------


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


class LessonStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    text = TextBlock(features=LESSON_RICH_TEXT_FEATURES)
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    steps = StepByStepBlock()
    quiz = QuizBlock()
    sandbox_exercise = SandboxExerciseBlock()
    acknowledgement = AcknowledgementBlock()
