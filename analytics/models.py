"""Readiness analytics: initiatives, evidence, snapshots, adoption, surveys, access log.

Per-person rows (evidence, snapshots) are performance data: only that person sees
them (the dashboards read the per-unit aggregates, suppressed below 5 people).
Survey answers carry a pseudonym, never the account (privacy rule 3). The access
log is append-only: the model refuses every change and every delete.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from analytics.formula import FORMULA_VERSION


class Initiative(models.Model):
    """A change initiative: processes going digital, the courses that teach them,
    the org units (with their subtrees) whose staff are in scope, and a target."""

    title = models.CharField(_("Titel"), max_length=200)
    go_live = models.DateField(_("Start des Echtbetriebs"))
    process_ids = models.JSONField(_("Prozesse (Prozess-IDs)"), default=list)
    course_ids = models.JSONField(_("Kurse (Seiten-IDs)"), default=list)
    org_units = models.ManyToManyField(
        "lms.OrgUnit",
        verbose_name=_("Organisationseinheiten (mit Untereinheiten)"),
        related_name="initiatives",
        blank=True,
    )
    target_share = models.PositiveSmallIntegerField(
        _("Ziel: digitaler Anteil in %"),
        default=80,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Veränderungsvorhaben")
        verbose_name_plural = _("Veränderungsvorhaben")
        ordering = ["go_live", "title"]
        permissions = [
            ("view_dashboards", _("Darf alle Auswertungen sehen")),
            ("report_adoption", _("Darf Nutzungszahlen melden")),
        ]

    def __str__(self) -> str:
        return self.title


class ReadinessEvidence(models.Model):
    """The outcome of a person's last three finished sandbox runs of a process.

    Kept apart from the runs so that the retention of runs (90 days) does not
    make the sandbox component S fall to 0 by itself.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    process_id = models.CharField(_("Prozess-ID"), max_length=100)
    # Newest first, at most three: True for a clean run (passed, at most one hint).
    recent = models.JSONField(_("letzte Durchläufe"), default=list)
    clean_runs = models.PositiveSmallIntegerField(_("saubere Durchläufe"), default=0)
    passed_ever = models.BooleanField(_("je bestanden"), default=False)
    last_run_at = models.DateTimeField(_("letzter Durchlauf"))

    class Meta:
        verbose_name = _("Übungsnachweis")
        verbose_name_plural = _("Übungsnachweise")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "process_id"], name="analytics_evidence_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(clean_runs__lte=3),
                name="analytics_evidence_clean_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}/{self.process_id}: {self.clean_runs}/3"


class ReadinessSnapshot(models.Model):
    """Readiness of one person for one process on one day (formula in `formula.py`)."""

    day = models.DateField(_("Tag"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    org_unit = models.ForeignKey(
        "lms.OrgUnit", on_delete=models.CASCADE, related_name="+"
    )
    process_id = models.CharField(_("Prozess-ID"), max_length=100)
    completion = models.FloatField("C")
    assessment = models.FloatField("A", null=True)
    sandbox = models.FloatField("S")
    freshness = models.FloatField("F")
    survey_a = models.FloatField("q_A", null=True)
    survey_d = models.FloatField("q_D", null=True)
    survey_r = models.FloatField("q_R", null=True)
    readiness = models.FloatField(_("Bereitschaft"))
    barrier = models.CharField(_("Hürde"), max_length=2, blank=True)
    ready = models.BooleanField(_("bereit"))
    started = models.BooleanField(_("begonnen"))
    course_completed = models.BooleanField(_("Kurs abgeschlossen"))
    sandbox_passed = models.BooleanField(_("Übung bestanden"))
    formula_version = models.CharField(max_length=10, default=FORMULA_VERSION)

    class Meta:
        verbose_name = _("Bereitschaft (Person)")
        verbose_name_plural = _("Bereitschaft (Personen)")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "user", "process_id"], name="analytics_snapshot_unique"
            )
        ]
        indexes = [models.Index(fields=["user", "day"], name="analytics_snap_user")]

    def __str__(self) -> str:
        return f"{self.day} {self.user_id}/{self.process_id}: {self.readiness:.0f}"


class ReadinessAggregate(models.Model):
    """Sums over the staff in scope *directly* in one unit, per process and day.

    Sums (not means) so that a unit's subtree is the sum of its rows; the
    dashboards divide and suppress when they show them.
    """

    day = models.DateField(_("Tag"))
    org_unit = models.ForeignKey(
        "lms.OrgUnit", on_delete=models.CASCADE, related_name="+"
    )
    process_id = models.CharField(_("Prozess-ID"), max_length=100)
    n = models.PositiveIntegerField(_("Personen"))
    readiness_sum = models.FloatField()
    ready = models.PositiveIntegerField()
    started = models.PositiveIntegerField()
    course_completed = models.PositiveIntegerField()
    sandbox_passed = models.PositiveIntegerField()
    barrier_a = models.PositiveIntegerField()
    barrier_d = models.PositiveIntegerField()
    barrier_k = models.PositiveIntegerField()
    barrier_ab = models.PositiveIntegerField()
    barrier_r = models.PositiveIntegerField()
    barrier_none = models.PositiveIntegerField()
    formula_version = models.CharField(max_length=10, default=FORMULA_VERSION)

    class Meta:
        verbose_name = _("Bereitschaft (Einheit)")
        verbose_name_plural = _("Bereitschaft (Einheiten)")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "org_unit", "process_id"],
                name="analytics_aggregate_unique",
            )
        ]
        indexes = [
            models.Index(fields=["process_id", "day"], name="analytics_agg_proc_day")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.org_unit_id}/{self.process_id} (n={self.n})"


class RecomputeJob(models.Model):
    """One run of the readiness recompute started on demand (for its progress bar)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("wartet")
        RUNNING = "running", _("läuft")
        DONE = "done", _("fertig")
        FAILED = "failed", _("fehlgeschlagen")

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Neuberechnung")
        verbose_name_plural = _("Neuberechnungen")

    def __str__(self) -> str:
        return f"{self.pk} {self.status} {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0


class AdoptionFigure(models.Model):
    """Cases of one process handled in one unit in one ISO week: digital and total.

    Reported by production systems per unit, never per person.
    """

    org_unit = models.ForeignKey(
        "lms.OrgUnit", on_delete=models.PROTECT, related_name="+"
    )
    process_id = models.CharField(_("Prozess-ID"), max_length=100)
    week = models.CharField(_("Kalenderwoche"), max_length=8)  # "2026-W48"
    week_start = models.DateField(_("Montag der Woche"))
    digital = models.PositiveIntegerField(_("digital"))
    total = models.PositiveIntegerField(_("gesamt"))
    reported_at = models.DateTimeField(_("gemeldet am"), auto_now=True)

    class Meta:
        verbose_name = _("Nutzungszahl")
        verbose_name_plural = _("Nutzungszahlen")
        ordering = ["org_unit", "process_id", "week_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "process_id", "week"],
                name="analytics_adoption_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(digital__lte=models.F("total")),
                name="analytics_adoption_digital_le_total",
            ),
        ]
        indexes = [
            models.Index(fields=["process_id", "week_start"], name="analytics_adopt_pw")
        ]

    def __str__(self) -> str:
        return f"{self.org_unit_id}/{self.process_id} {self.week}: {self.digital}/{self.total}"

    def clean(self) -> None:
        if self.digital is not None and self.total is not None:
            if self.digital > self.total:
                raise ValidationError(
                    {"digital": _("Digital kann nicht größer als gesamt sein.")}
                )


class SurveyWave(models.Model):
    """One round of the ADKAR pulse survey of an initiative."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("Veränderungsvorhaben"),
        on_delete=models.CASCADE,
        related_name="waves",
    )
    title = models.CharField(_("Titel"), max_length=200)
    opens_on = models.DateField(_("offen ab"))
    closes_on = models.DateField(_("offen bis"))
    invited_at = models.DateTimeField(_("eingeladen am"), null=True, blank=True)
    # Set when the training admin ends the wave before its last day.
    closed_at = models.DateTimeField(_("beendet am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Befragungsrunde")
        verbose_name_plural = _("Befragungsrunden")
        ordering = ["-opens_on"]

    def __str__(self) -> str:
        return self.title

    def is_open_on(self, day: dt.date) -> bool:
        return self.closed_at is None and self.opens_on <= day <= self.closes_on


class SurveyAnswer(models.Model):
    """One pseudonymous answer to a wave: ADKAR statements on a 1–5 scale.

    ``pseudonym`` is a keyed hash of wave and person (see `services.surveys`): the
    person can find and renew their own answer, nobody can tell whose it is.
    """

    wave = models.ForeignKey(
        SurveyWave, on_delete=models.CASCADE, related_name="answers"
    )
    pseudonym = models.CharField(max_length=64)
    org_unit = models.ForeignKey(
        "lms.OrgUnit", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    awareness = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    desire = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    knowledge = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    ability = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    reinforcement = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    concern = models.TextField(_("Sorge oder Anregung"), blank=True, max_length=1000)
    answered_on = models.DateField()

    class Meta:
        verbose_name = _("Antwort der Befragung")
        verbose_name_plural = _("Antworten der Befragung")
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "pseudonym"], name="analytics_answer_once_per_wave"
            )
        ]

    def __str__(self) -> str:
        return f"{self.wave_id}/{self.pseudonym[:8]}"


class SurveyInvitation(models.Model):
    """That a person was e-mailed the invitation to a wave: once per wave and person.

    Written in the transaction that sends the e-mail, so a task that runs twice
    (or two workers at once) sends nobody a second invitation. It names who was
    invited, never whether or how they answered.
    """

    wave = models.ForeignKey(
        SurveyWave, on_delete=models.CASCADE, related_name="invitations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(_("gesendet am"))

    class Meta:
        verbose_name = _("Einladung zur Befragung")
        verbose_name_plural = _("Einladungen zur Befragung")
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "user"], name="analytics_invitation_once_per_wave"
            )
        ]

    def __str__(self) -> str:
        return f"{self.wave_id}/{self.user_id}"


class AppendOnlyError(Exception):
    """An attempt to change or delete an access-log entry."""


class AccessLogManager(models.Manager.from_queryset(models.QuerySet)):
    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("Das Zugriffsprotokoll kann nicht geändert werden.")


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Das Zugriffsprotokoll kann nicht geändert werden.")

    def delete(self):
        raise AppendOnlyError("Das Zugriffsprotokoll kann nicht gelöscht werden.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("Das Zugriffsprotokoll kann nicht geändert werden.")


class AccessLog(models.Model):
    """Who viewed or exported which dashboard with which filters, and when."""

    class Action(models.TextChoices):
        VIEW = "view", _("angesehen")
        EXPORT_CSV = "export_csv", _("CSV exportiert")
        EXPORT_XLSX = "export_xlsx", _("XLSX exportiert")
        API = "api", _("über die API abgerufen")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Person"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    username = models.CharField(_("Benutzername"), max_length=150)
    action = models.CharField(_("Aktion"), max_length=12, choices=Action.choices)
    target = models.CharField(_("Auswertung"), max_length=100)
    filters = models.JSONField(_("Filter"), default=dict)
    created_at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True, db_index=True)

    objects = AccessLogManager.from_queryset(AccessLogQuerySet)()

    class Meta:
        verbose_name = _("Zugriffsprotokoll")
        verbose_name_plural = _("Zugriffsprotokoll")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.target}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Das Zugriffsprotokoll kann nicht geändert werden.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Das Zugriffsprotokoll kann nicht gelöscht werden.")
