"""The quiz block and its question kinds.

Quiz blocks store the answer key in the page revision, but their templates never
render it: grading happens on the server in `lms`, which reads the key through
`courses.selectors.quiz_get`.
"""

import random

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError


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


def _explanation_block():
    return blocks.TextBlock(
        label=_("Erklärung"),
        required=False,
        help_text=_("Wird nach dem Absenden gezeigt, nie vorher."),
    )


class PrefilledQuestionMixin:
    """A question shows the learner's last answers as chosen.

    `form_values` in the parent context maps the quiz form's field names to their
    values (the learning core fills it in from the last attempt); without it the
    question renders empty, the same for everyone, and can be cached.
    """

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        parent_context = parent_context or {}
        context["chosen"] = list(
            (parent_context.get("form_values") or {}).get(
                f"q-{parent_context.get('question_id') or ''}", []
            )
        )
        return context


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


class ChoiceQuestionBlock(PrefilledQuestionMixin, blocks.StructBlock):
    text = blocks.TextBlock(label=_("Frage"))
    # A new question starts with the two answer fields every choice needs.
    options = blocks.ListBlock(
        ChoiceOptionBlock(),
        label=_("Antworten"),
        min_num=2,
        default=[
            {"text": "", "correct": False, "feedback": ""},
            {"text": "", "correct": False, "feedback": ""},
        ],
    )
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


class TrueFalseQuestionBlock(PrefilledQuestionMixin, blocks.StructBlock):
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
        form_values = (parent_context or {}).get("form_values") or {}
        items = list(value["items"])
        order = ordering_display_order(len(items), str(question_id))
        context["display_items"] = [
            {
                "option_id": str(position),
                "text": items[authored],
                # The position the learner gave this step last time ("" if none).
                "chosen": next(
                    iter(form_values.get(f"q-{question_id}-{position}", [])), ""
                ),
            }
            for position, authored in enumerate(order)
        ]
        context["positions"] = range(1, len(items) + 1)
        return context

    class Meta:
        label = _("Reihenfolge")
        icon = "order"
        template = "courses/blocks/question_ordering.html"


class NumericQuestionBlock(PrefilledQuestionMixin, blocks.StructBlock):
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
