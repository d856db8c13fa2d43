"""The learning core: assignment rules, enrolments, progress, quizzes, certificates.

Course and lesson references are plain page ids (`IntegerField`), not foreign keys to
`wagtailcore.Page`: compliance records are proof of mandatory instruction and must
outlive a course page that is moved, unpublished or deleted, and `lms` reads course
content only through `courses.selectors`. What a record must still show after the
page is gone (course title on a certificate) is copied onto the record.

An enrolment is one *cycle* of one person in one course. Recertification opens a
new cycle (a new row, `cycle + 1`); earlier cycles, their progress and certificates
stay as history. Exactly one row per person and course is `is_current`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lms import roles


class AssignmentRule(models.Model):
    """Mandatory training: who (unit subtree / role / job title) must do which course.

    Every given target condition must match; a rule without targets applies to
    everyone. Rules apply to people who match now and to those who join or move
    later (`rules_apply` runs on staff changes and nightly).
    """

    ROLE_CHOICES = [(r, roles.ROLE_LABELS[r]) for r in roles.ROLES]

    course_id = models.IntegerField(_("Kurs (Seiten-ID)"), db_index=True)
    org_unit = models.ForeignKey(
        "lms.OrgUnit",
        verbose_name=_("Organisationseinheit (mit allen Untereinheiten)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignment_rules",
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=ROLE_CHOICES, blank=True)
    job_title = models.CharField(_("Funktion"), max_length=120, blank=True)
    due_days = models.PositiveIntegerField(
        _("fällig nach Tagen"),
        default=30,
        help_text=_("Frist ab Zuweisung in Tagen."),
    )
    recertify_months = models.PositiveIntegerField(
        _("Wiederholung alle … Monate"),
        null=True,
        blank=True,
        help_text=_("Leer: keine Wiederholung (es gilt die Gültigkeit des Kurses)."),
    )
    starts_on = models.DateField(_("gilt ab"), null=True, blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Zuweisungsregel")
        verbose_name_plural = _("Zuweisungsregeln")
        ordering = ["course_id", "id"]

    def __str__(self) -> str:
        targets = [
            str(self.org_unit) if self.org_unit_id else "",
            str(roles.ROLE_LABELS.get(self.role, "")) if self.role else "",
            self.job_title,
        ]
        target = ", ".join(t for t in targets if t) or str(_("alle Beschäftigten"))
        return f"Kurs {self.course_id} → {target}"


class Exemption(models.Model):
    """A person does not have to do a mandatory course (e.g. trained elsewhere)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Person"),
        on_delete=models.CASCADE,
        related_name="training_exemptions",
    )
    course_id = models.IntegerField(_("Kurs (Seiten-ID)"))
    reason = models.CharField(_("Begründung"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eingetragen von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("eingetragen am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Befreiung")
        verbose_name_plural = _("Befreiungen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course_id"], name="lms_exemption_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – Kurs {self.course_id}"


class Enrolment(models.Model):
    """One cycle of one person in one course (assigned by a rule or self-chosen)."""

    SOURCE_RULE = "rule"
    SOURCE_SELF = "self"
    SOURCE_CHOICES = [(SOURCE_RULE, _("Pflicht")), (SOURCE_SELF, _("selbst gewählt"))]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Person"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    course_id = models.IntegerField(_("Kurs (Seiten-ID)"))
    cycle = models.PositiveIntegerField(_("Durchgang"), default=1)
    is_current = models.BooleanField(_("aktueller Durchgang"), default=True)
    source = models.CharField(_("Herkunft"), max_length=10, choices=SOURCE_CHOICES)
    rule = models.ForeignKey(
        AssignmentRule,
        verbose_name=_("Regel"),
        on_delete=models.SET_NULL,  # removing a rule never deletes learning records
        null=True,
        blank=True,
        related_name="enrolments",
    )
    assigned_at = models.DateTimeField(_("zugewiesen am"))
    due_on = models.DateField(_("fällig am"), null=True, blank=True)
    completed_at = models.DateTimeField(_("abgeschlossen am"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(
        _("nicht mehr verpflichtend seit"),
        null=True,
        blank=True,
        help_text=_("Regel entfernt, Wechsel der Einheit oder Befreiung."),
    )

    class Meta:
        verbose_name = _("Einschreibung")
        verbose_name_plural = _("Einschreibungen")
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course_id", "cycle"], name="lms_enrolment_cycle_unique"
            ),
            models.UniqueConstraint(
                fields=["user", "course_id"],
                condition=Q(is_current=True),
                name="lms_enrolment_one_current",
            ),
        ]
        indexes = [models.Index(fields=["course_id", "is_current"])]

    def __str__(self) -> str:
        return f"{self.user} – Kurs {self.course_id} ({self.cycle})"

    @property
    def is_mandatory(self) -> bool:
        return self.source == self.SOURCE_RULE and self.withdrawn_at is None


class LessonProgress(models.Model):
    """A lesson marked done within one enrolment cycle."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson_id = models.IntegerField(_("Lektion (Seiten-ID)"))
    completed_at = models.DateTimeField(_("erledigt am"))

    class Meta:
        verbose_name = _("Lernfortschritt")
        verbose_name_plural = _("Lernfortschritte")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson_id"], name="lms_lessonprogress_unique"
            )
        ]

    def __str__(self) -> str:
        return f"Lektion {self.lesson_id} ({self.enrolment_id})"


class Acknowledgement(models.Model):
    """'I have read and understood' given for one block of a lesson."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    lesson_id = models.IntegerField(_("Lektion (Seiten-ID)"))
    block_id = models.CharField(_("Block"), max_length=64)
    created_at = models.DateTimeField(_("bestätigt am"))

    class Meta:
        verbose_name = _("Bestätigung")
        verbose_name_plural = _("Bestätigungen")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson_id", "block_id"],
                name="lms_acknowledgement_unique",
            )
        ]

    def __str__(self) -> str:
        return f"Lektion {self.lesson_id}/{self.block_id} ({self.enrolment_id})"


class QuizAttempt(models.Model):
    """One graded submission of a quiz; performance data (seen only by the person)."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    lesson_id = models.IntegerField(_("Lektion (Seiten-ID)"))
    block_id = models.CharField(_("Quiz-Block"), max_length=64)
    number = models.PositiveIntegerField(_("Versuch"))
    answers = models.JSONField(_("Antworten"))
    answers_digest = models.CharField(max_length=64)
    score = models.PositiveSmallIntegerField(_("Ergebnis in %"))
    passed = models.BooleanField(_("bestanden"))
    feedback = models.JSONField(_("Rückmeldung"))
    created_at = models.DateTimeField(_("abgegeben am"))

    class Meta:
        verbose_name = _("Quizversuch")
        verbose_name_plural = _("Quizversuche")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson_id", "block_id", "number"],
                name="lms_quizattempt_number_unique",
            )
        ]

    def __str__(self) -> str:
        return f"Quiz {self.lesson_id}/{self.block_id} #{self.number}"


class Certificate(models.Model):
    """Proof that a person completed a course cycle; verifiable by its code."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, related_name="certificate"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="certificates",
    )
    course_id = models.IntegerField(_("Kurs (Seiten-ID)"))
    course_title = models.CharField(_("Kurs"), max_length=255)
    holder_name = models.CharField(_("Name"), max_length=300)
    code = models.CharField(_("Prüfcode"), max_length=20, unique=True)
    issued_at = models.DateTimeField(_("ausgestellt am"))
    completed_on = models.DateField(_("abgeschlossen am"))
    valid_until = models.DateField(_("gültig bis"), null=True, blank=True)

    class Meta:
        verbose_name = _("Zertifikat")
        verbose_name_plural = _("Zertifikate")
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"{self.code} – {self.course_title}"


class Notification(models.Model):
    """A reminder or warning; sent exactly once per enrolment, cycle and kind."""

    KIND_DUE_SOON = "due_soon"
    KIND_DUE_TODAY = "due_today"
    KIND_OVERDUE = "overdue"  # stored as "overdue:<week>"
    KIND_ESCALATION = "escalation"  # stored as "escalation:<head id>"
    KIND_EXPIRY = "expiry_warning"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="learning_notifications",
    )
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="notifications"
    )
    cycle = models.PositiveIntegerField()
    kind = models.CharField(max_length=40)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    # Set once the e-mail went out: a retried delivery task sends nothing twice.
    emailed_at = models.DateTimeField(
        _("per E-Mail gesendet am"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("Benachrichtigung")
        verbose_name_plural = _("Benachrichtigungen")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "cycle", "kind"], name="lms_notification_once"
            )
        ]
        indexes = [models.Index(fields=["recipient", "-created_at"])]

    def __str__(self) -> str:
        return self.subject


class LearningEvent(models.Model):
    """Append-only learning-event log, shaped like an xAPI statement."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="learning_events",
    )
    verb = models.CharField(max_length=30)
    object_type = models.CharField(max_length=20)  # course, lesson, quiz, certificate
    object_id = models.CharField(max_length=100)
    course_id = models.IntegerField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    success = models.BooleanField(null=True, blank=True)
    completion = models.BooleanField(null=True, blank=True)
    timestamp = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("Lernereignis")
        verbose_name_plural = _("Lernereignisse")
        ordering = ["-timestamp", "-id"]

    def __str__(self) -> str:
        return f"{self.actor_id} {self.verb} {self.object_type}:{self.object_id}"

    def as_xapi(self) -> dict:
        """The event as an xAPI statement (ids as Lotse URNs)."""
        result: dict = {}
        if self.score is not None:
            result["score"] = {"scaled": self.score / 100, "raw": self.score}
        if self.success is not None:
            result["success"] = self.success
        if self.completion is not None:
            result["completion"] = self.completion
        statement = {
            "actor": {"account": {"homePage": "urn:lotse", "name": str(self.actor_id)}},
            "verb": {"id": f"http://adlnet.gov/expapi/verbs/{self.verb}"},
            "object": {"id": f"urn:lotse:{self.object_type}:{self.object_id}"},
            "timestamp": self.timestamp.isoformat(),
        }
        if result:
            statement["result"] = result
        return statement
