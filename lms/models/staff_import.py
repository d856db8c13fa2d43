"""A staff import run in the background: the uploaded file, progress and result."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffImportJob(models.Model):
    """One uploaded staff CSV, checked (and saved) by a Celery task.

    The file is kept only until the job has finished: it holds personal data that
    the staff profiles now hold anyway.
    """

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    STATUS_CHOICES = [
        (QUEUED, _("wartet")),
        (RUNNING, _("läuft")),
        (DONE, _("fertig")),
        (FAILED, _("fehlgeschlagen")),
    ]
    ERRORS_KEPT = 500

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hochgeladen von"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    file_name = models.CharField(_("Dateiname"), max_length=255, blank=True)
    data = models.BinaryField(_("Datei"), blank=True)
    dry_run = models.BooleanField(_("nur prüfen"), default=False)
    status = models.CharField(
        _("Status"), max_length=10, choices=STATUS_CHOICES, default=QUEUED
    )
    rows_total = models.PositiveIntegerField(_("Zeilen"), default=0)
    rows_checked = models.PositiveIntegerField(_("geprüfte Zeilen"), default=0)
    created = models.PositiveIntegerField(_("neu"), default=0)
    updated = models.PositiveIntegerField(_("geändert"), default=0)
    unchanged = models.PositiveIntegerField(_("unverändert"), default=0)
    errors = models.JSONField(_("Fehler"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("Anzahl Fehler"), default=0)
    # The people created or changed, in file order (the first 500; lms.staff_changes).
    changes = models.JSONField(_("Änderungen"), default=list, blank=True)
    # The address the file was uploaded at: invitation links point there.
    base_url = models.CharField(_("Adresse von Lotse"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("hochgeladen am"), auto_now_add=True)
    started_at = models.DateTimeField(_("begonnen am"), null=True, blank=True)
    finished_at = models.DateTimeField(_("beendet am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Import von Beschäftigten")
        verbose_name_plural = _("Importe von Beschäftigten")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.DONE, self.FAILED)

    @property
    def percent(self) -> int:
        if self.is_finished:
            return 100
        if not self.rows_total:
            return 0
        return min(100, self.rows_checked * 100 // self.rows_total)
