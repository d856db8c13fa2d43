"""Lesson videos with captions (BITV 2.0 / WCAG 2.1 AA)."""

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtailmedia.models import AbstractMedia


def validate_webvtt(value) -> None:
    """A captions file must be WebVTT: it starts with the WEBVTT signature."""
    try:
        value.seek(0)
        head = value.read(16)
        value.seek(0)
    except (OSError, ValueError):
        return
    if isinstance(head, bytes):
        head = head.decode("utf-8", "replace")
    if not head.lstrip("\ufeff").startswith("WEBVTT"):
        raise ValidationError(
            _(
                "Die Untertiteldatei ist keine WebVTT-Datei (sie muss mit „WEBVTT“ "
                "beginnen)."
            )
        )


class LessonMedia(AbstractMedia):
    """A lesson video; captions are required (BITV 2.0 / WCAG 2.1 AA, 1.2.2)."""

    captions = models.FileField(
        _("Untertitel (WebVTT)"),
        upload_to="media_captions",
        validators=[FileExtensionValidator(["vtt"]), validate_webvtt],
        help_text=_("Pflicht: eine .vtt-Datei mit den Untertiteln des Videos."),
    )
    captions_language = models.CharField(
        _("Sprache der Untertitel"),
        max_length=8,
        default="de",
        choices=[("de", _("Deutsch")), ("en", _("Englisch"))],
    )

    admin_form_fields = AbstractMedia.admin_form_fields + (
        "captions",
        "captions_language",
    )

    class Meta(AbstractMedia.Meta):
        verbose_name = _("Video")
        verbose_name_plural = _("Videos")
