"""What every lesson block shares: rich-text features, accessibility checks.

Accessibility rules that Wagtail cannot check for us (alt text, captions) are block
validation errors. They respect Wagtail's deferred validation, so a draft may be saved
incomplete but cannot be submitted or published.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

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
