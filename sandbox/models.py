"""Process packages (one row per process and version) and sandbox runs."""

from __future__ import annotations

import json
import uuid
from functools import lru_cache

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


@lru_cache(maxsize=64)
def _parse_manifest(text: str) -> dict:
    return json.loads(text)


# Who may upload packages, and who may put a version live (directly or by approving
# one that waits for review). Other apps grant these; the sandbox only asks.
UPLOAD_PERMISSION = "sandbox.upload_processpackage"
PUBLISH_PERMISSION = "sandbox.publish_processpackage"


class ProcessPackage(models.Model):
    """One imported version of a process package (BPMN, optional DMN, sandbox.json).

    Uploading a changed package creates a new version; runs keep the version they
    started with, so a version's content never changes after import. Only its review
    status does: employees play the one live version of a process, and a version a
    trainer uploads waits for the lead trainers' approval before it goes live.
    """

    class Status(models.TextChoices):
        PENDING_REVIEW = "pending_review", _("wartet auf Freigabe")
        LIVE = "live", _("freigegeben")
        REJECTED = "rejected", _("abgelehnt")
        # A former live version, or one still waiting when a newer one was uploaded.
        RETIRED = "retired", _("abgelöst")

    process_id = models.CharField(_("Prozess-ID"), max_length=100)
    version = models.PositiveIntegerField(_("Version"))
    title = models.CharField(_("Titel"), max_length=200)
    bpmn = models.TextField(_("BPMN"))
    dmn = models.TextField(_("DMN"), blank=True)
    sandbox_json = models.TextField(_("sandbox.json"))
    digest = models.CharField(_("Prüfsumme"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hochgeladen von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("importiert am"), auto_now_add=True)
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=Status.choices,
        default=Status.PENDING_REVIEW,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geprüft von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("geprüft am"), null=True, blank=True)
    review_comment = models.TextField(_("Kommentar der Prüfung"), blank=True)

    class Meta:
        verbose_name = _("Prozesspaket")
        verbose_name_plural = _("Prozesspakete")
        ordering = ["process_id", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["process_id", "version"], name="sandbox_package_unique_version"
            ),
            models.UniqueConstraint(
                fields=["process_id"],
                condition=models.Q(status="live"),
                name="sandbox_package_one_live",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    status__in=["pending_review", "live", "rejected", "retired"]
                ),
                name="sandbox_package_status_valid",
            ),
        ]
        permissions = [
            ("upload_processpackage", "Darf Prozesspakete hochladen"),
            ("publish_processpackage", "Darf Prozesspakete freigeben"),
        ]

    # Not stored: `package_import` sets it, False when the upload was identical to
    # the latest version and nothing new was stored; and the import's notes on
    # what was kept from the modelling tool but never evaluated.
    is_new: bool
    import_notes: list[str]

    def __str__(self) -> str:
        return f"{self.title} (Version {self.version})"

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.LIVE

    @property
    def awaits_review(self) -> bool:
        return self.status == self.Status.PENDING_REVIEW

    @property
    def manifest(self) -> dict:
        """sandbox.json, parsed from the stored text: a JSON column would lose the
        order of lanes, tasks and form fields (PostgreSQL's jsonb sorts keys).
        Read-only: the dict is shared."""
        return _parse_manifest(self.sandbox_json)

    @property
    def lanes(self) -> list[str]:
        return list(self.manifest.get("lanes", {}).keys())

    @property
    def cases(self) -> list[dict]:
        return self.manifest.get("cases", [])

    @property
    def pass_mark(self) -> int:
        return int(self.manifest.get("scoring", {}).get("pass_mark", 80))

    def case(self, case_id: str) -> dict | None:
        return next((c for c in self.cases if c.get("id") == case_id), None)


class SandboxRun(models.Model):
    """One person's run of one case. Private to its owner (privacy rules in docs/architecture.md).

    ``state`` holds only the SpiffWorkflow state (as JSON text); the definition is
    parsed from the package and cached per version.
    """

    class Mode(models.TextChoices):
        GUIDED = "guided", _("Geführt")
        PRACTICE = "practice", _("Üben")
        EXAM = "exam", _("Prüfung")

    class Status(models.TextChoices):
        ACTIVE = "active", _("läuft")
        FINISHED = "finished", _("abgeschlossen")

    # What a step (or a hint, a reset, a repeat) inside an active run writes:
    # nothing a list of runs or an exercise card shows, which show a run's
    # start, status and result (`sandbox.receivers.run_written`).
    PROGRESS_FIELDS = frozenset(
        {"state", "steps", "hints", "feedback", "findings", "updated_at"}
    )

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Person"),
        on_delete=models.CASCADE,
        related_name="sandbox_runs",
    )
    package = models.ForeignKey(
        ProcessPackage,
        verbose_name=_("Prozesspaket"),
        on_delete=models.PROTECT,
        related_name="runs",
    )
    process_id = models.CharField(_("Prozess-ID"), max_length=100)
    version = models.PositiveIntegerField(_("Version"))
    case_id = models.CharField(_("Fall"), max_length=64)
    mode = models.CharField(_("Modus"), max_length=10, choices=Mode.choices)
    lanes = models.JSONField(_("gespielte Bahnen"), default=list, blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    # JSON text, not a JSON column: PostgreSQL's jsonb reorders keys, and the order
    # of SpiffWorkflow's task mapping matters when a workflow is restored.
    state = models.TextField(_("Zustand"), blank=True)
    steps = models.JSONField(_("Schritte"), default=list, blank=True)
    hints = models.JSONField(_("genutzte Hinweise"), default=list, blank=True)
    feedback = models.JSONField(_("Rückmeldungen"), default=list, blank=True)
    score = models.PositiveSmallIntegerField(_("Punkte"), null=True, blank=True)
    passed = models.BooleanField(_("bestanden"), null=True, blank=True)
    end_event = models.CharField(_("erreichtes Ende"), max_length=100, blank=True)
    findings = models.JSONField(_("Befunde"), default=list, blank=True)
    # A run of a version that is not live (a trainer trying a draft): its owner sees
    # it, but it is never a learner result (no signal, no pass, no statistics).
    preview = models.BooleanField(_("Vorschau"), default=False)
    created_at = models.DateTimeField(_("begonnen am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    finished_at = models.DateTimeField(_("abgeschlossen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Übungsdurchlauf")
        verbose_name_plural = _("Übungsdurchläufe")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["user", "process_id"], name="sandbox_run_user_proc"),
            models.Index(fields=["updated_at"], name="sandbox_run_updated"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(mode__in=["guided", "practice", "exam"]),
                name="sandbox_run_mode_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__lte=100),
                name="sandbox_run_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.process_id}/{self.case_id} ({self.mode_label})"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def mode_label(self) -> str:
        """The mode's name in the active language (for lists of runs: Django's
        ``get_mode_display`` makes all choices hashable again on every call)."""
        return str(self.Mode(self.mode).label)

    @property
    def played_lanes(self) -> set[str]:
        """The lanes the trainee plays: those chosen at the start, or all."""
        return set(self.lanes or self.package.lanes)

    # What a run offers. Views, templates and services all ask these properties,
    # so that each rule of the modes is written down once.

    @property
    def shows_feedback(self) -> bool:
        """Guided and practice mode give feedback after each step and mark the
        current step in the diagram; the exam shows neither."""
        return self.mode != self.Mode.EXAM

    @property
    def offers_hints(self) -> bool:
        """Guided and practice mode offer hints; the exam does not."""
        return self.mode != self.Mode.EXAM

    @property
    def hints_cost_points(self) -> bool:
        """Hints are free in guided mode and cost points in practice mode."""
        return self.mode == self.Mode.PRACTICE

    @property
    def can_take_hint(self) -> bool:
        return self.is_active and self.offers_hints

    @property
    def offers_repeat(self) -> bool:
        """Only practice mode lets the trainee undo their last step and redo it."""
        return self.mode == self.Mode.PRACTICE

    @property
    def last_own_step(self) -> int | None:
        """Index in ``steps`` of the trainee's last own (not auto-completed) step."""
        own = [i for i, step in enumerate(self.steps) if not step.get("auto")]
        return own[-1] if own else None

    @property
    def can_repeat_step(self) -> bool:
        return self.is_active and self.offers_repeat and self.last_own_step is not None


class RunAggregate(models.Model):
    """Scores of finished runs that outlive the runs themselves (retention, §7.5).

    One row per process, version, mode and month; no link to a person.
    """

    process_id = models.CharField(_("Prozess-ID"), max_length=100)
    version = models.PositiveIntegerField(_("Version"))
    mode = models.CharField(_("Modus"), max_length=10)
    month = models.DateField(_("Monat"))
    finished_runs = models.PositiveIntegerField(
        _("abgeschlossene Durchläufe"), default=0
    )
    passed_runs = models.PositiveIntegerField(_("bestandene Durchläufe"), default=0)
    score_total = models.PositiveBigIntegerField(_("Summe der Punkte"), default=0)

    class Meta:
        verbose_name = _("Durchlauf-Statistik")
        verbose_name_plural = _("Durchlauf-Statistiken")
        constraints = [
            models.UniqueConstraint(
                fields=["process_id", "version", "mode", "month"],
                name="sandbox_aggregate_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.process_id} v{self.version} {self.mode} {self.month:%Y-%m}"
