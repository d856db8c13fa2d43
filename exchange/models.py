"""Where adopted courses came from, updates waiting for a person, and the state of
forwarding learning events to an external learning record store (LRS).

`exchange` sits above `courses`, `sandbox` and `lms`: it moves their content between
installations and never changes how they work inside one.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Rights of this app, on models below; the roles that hold them are in lms.roles.
EXCHANGE_BROWSE_PERMISSION = "exchange.browse_exchange"
XAPI_READ_PERMISSION = "exchange.read_xapi_statements"
CATALOGUE_PUBLISH_PERMISSION = "exchange.publish_catalogue"


class CourseOrigin(models.Model):
    """An adopted course: which installation and course it came from, which
    version this town holds. The link that lets a newer version become an update."""

    course = models.OneToOneField(
        "courses.CoursePage",
        verbose_name=_("Kurs"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    installation = models.CharField(_("Herkunftsinstallation"), max_length=100)
    installation_name = models.CharField(
        _("Herkunft"), max_length=200, blank=True, default=""
    )
    origin_course_id = models.PositiveBigIntegerField(_("Kurs-ID der Herkunft"))
    version = models.PositiveBigIntegerField(_("Version"))
    digest = models.CharField(_("Prüfsumme"), max_length=64)
    imported_at = models.DateTimeField(_("übernommen am"))
    catalogue_entry_id = models.PositiveBigIntegerField(
        _("Eintrag in der Kursbörse"), null=True, blank=True
    )
    available_version = models.PositiveBigIntegerField(
        _("verfügbare Version"), null=True, blank=True
    )
    # The course page itself, as for a lesson (LessonOrigin): its content when
    # imported here, and as the origin sent it. Empty: not known (counts as edited).
    course_imported_digest = models.CharField(
        _("Prüfsumme der Kursseite beim Import"), max_length=64, blank=True, default=""
    )
    course_origin_digest = models.CharField(
        _("Prüfsumme der Kursseite der Herkunft"),
        max_length=64,
        blank=True,
        default="",
    )

    class Meta:
        verbose_name = _("Kursherkunft")
        verbose_name_plural = _("Kursherkünfte")
        constraints = [
            models.UniqueConstraint(
                fields=["installation", "origin_course_id"],
                name="exchange_origin_unique_course",
            )
        ]
        permissions = [
            (
                "browse_exchange",
                _("Darf die Kursbörse durchsuchen und Kurse übernehmen"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.installation}:{self.origin_course_id} v{self.version}"

    @property
    def update_available(self) -> bool:
        return bool(self.available_version and self.available_version > self.version)


class LessonOrigin(models.Model):
    """One lesson of an adopted course and the content it had when imported, so an
    update can tell a lesson the receiving town edited from one it left alone."""

    course_origin = models.ForeignKey(
        CourseOrigin, on_delete=models.CASCADE, related_name="lessons"
    )
    lesson = models.OneToOneField(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="+"
    )
    origin_lesson_id = models.PositiveBigIntegerField(_("Lektions-ID der Herkunft"))
    imported_digest = models.CharField(_("Prüfsumme beim Import"), max_length=64)
    origin_digest = models.CharField(_("Prüfsumme der Herkunft"), max_length=64)

    class Meta:
        verbose_name = _("Lektionsherkunft")
        verbose_name_plural = _("Lektionsherkünfte")
        constraints = [
            models.UniqueConstraint(
                fields=["course_origin", "origin_lesson_id"],
                name="exchange_lesson_origin_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.course_origin_id}:{self.origin_lesson_id}"


class CourseUpdate(models.Model):
    """A newer version of an adopted course, checked and waiting for a person to
    compare it with the local lessons and confirm."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wartet auf Bestätigung")
        APPLIED = "applied", _("übernommen")
        DISCARDED = "discarded", _("verworfen")

    course_origin = models.ForeignKey(
        CourseOrigin, on_delete=models.CASCADE, related_name="updates"
    )
    package = models.FileField(_("Kurspaket"), upload_to="exchange/updates/")
    version = models.PositiveBigIntegerField(_("Version"))
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("erstellt am"), auto_now_add=True)
    decided_at = models.DateTimeField(_("entschieden am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Kursaktualisierung")
        verbose_name_plural = _("Kursaktualisierungen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.course_origin_id} → v{self.version} ({self.status})"


class XapiForwarding(models.Model):
    """How far learning events have been acknowledged by the external LRS (one row
    per endpoint): everything up to ``acknowledged_event_id`` was stored there."""

    endpoint = models.CharField(_("LRS-Adresse"), max_length=500, unique=True)
    acknowledged_event_id = models.PositiveBigIntegerField(
        _("bestätigt bis Ereignis"), default=0
    )
    acknowledged_count = models.PositiveBigIntegerField(
        _("bestätigte Aussagen"), default=0
    )
    last_attempt_at = models.DateTimeField(_("letzter Versuch"), null=True, blank=True)
    last_error = models.TextField(_("letzter Fehler"), blank=True, default="")

    class Meta:
        verbose_name = _("xAPI-Weiterleitung")
        verbose_name_plural = _("xAPI-Weiterleitungen")
        permissions = [
            ("read_xapi_statements", _("Darf Lernereignisse als xAPI-Aussagen lesen"))
        ]

    def __str__(self) -> str:
        return f"{self.endpoint} ≤ {self.acknowledged_event_id}"


class CatalogueEntry(models.Model):
    """A course offered in this installation's Kursbörse (catalogue mode): the
    newest package a town published, with what subscribers see before adopting."""

    installation = models.CharField(_("Herkunftsinstallation"), max_length=100)
    installation_name = models.CharField(
        _("Herkunft"), max_length=200, blank=True, default=""
    )
    origin_course_id = models.PositiveBigIntegerField(_("Kurs-ID der Herkunft"))
    title = models.CharField(_("Titel"), max_length=255)
    summary = models.TextField(_("Kurzbeschreibung"), blank=True, default="")
    licence = models.CharField(_("Lizenz"), max_length=100, blank=True, default="")
    version = models.PositiveBigIntegerField(_("Version"))
    published_at = models.DateTimeField(_("veröffentlicht am"))
    size = models.PositiveBigIntegerField(_("Größe in Bytes"))
    package = models.FileField(_("Kurspaket"), upload_to="exchange/catalogue/")

    class Meta:
        verbose_name = _("Eintrag der Kursbörse")
        verbose_name_plural = _("Einträge der Kursbörse")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["installation", "origin_course_id"],
                name="exchange_catalogue_unique_course",
            )
        ]
        permissions = [
            (
                "publish_catalogue",
                _("Darf Kurse in der Kursbörse veröffentlichen"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"
