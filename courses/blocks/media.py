"""Image, video and document blocks; images need alt text, videos captions."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtailmedia.blocks import VideoChooserBlock

from courses.blocks.base import (
    ALT_TEXT_MISSING,
    CAPTIONS_MISSING,
    AccessibleStructBlock,
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
