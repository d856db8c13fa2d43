"""Where an account comes from, and the log of erasures.

`DirectoryAccount` links a Lotse account to its entry in the town's directory
(LDAP/Active Directory or an OpenID Connect provider). `ErasureRecord` says that a
person was erased, by whom and when, and never whom by name.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DirectoryAccount(models.Model):
    SOURCE_LDAP = "ldap"
    SOURCE_OIDC = "oidc"
    SOURCE_CHOICES = [(SOURCE_LDAP, "LDAP"), (SOURCE_OIDC, "OpenID Connect")]

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Konto"),
        on_delete=models.CASCADE,
        related_name="directory_account",
    )
    source = models.CharField(_("Quelle"), max_length=10, choices=SOURCE_CHOICES)
    # The login name (LDAP, lower case) or the provider's subject (OIDC).
    subject = models.CharField(_("Kennung im Verzeichnis"), max_length=255)
    disabled_in_directory = models.BooleanField(
        _("im Verzeichnis gesperrt"), default=False
    )
    synced_at = models.DateTimeField(_("zuletzt abgeglichen"), null=True, blank=True)

    class Meta:
        verbose_name = _("Verzeichniskonto")
        verbose_name_plural = _("Verzeichniskonten")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "subject"], name="lms_directoryaccount_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.subject}"


class ErasureRecord(models.Model):
    """One erasure: when, by whom (None: the retention task), and why."""

    REASON_RETENTION = "retention"
    REASON_REQUEST = "request"
    REASON_CHOICES = [
        (REASON_RETENTION, _("Aufbewahrungsfrist abgelaufen")),
        (REASON_REQUEST, _("auf Anordnung der Administration")),
    ]

    performed_at = models.DateTimeField(_("gelöscht am"))
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gelöscht von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(_("Anlass"), max_length=20, choices=REASON_CHOICES)
    pseudonym = models.CharField(_("Pseudonym"), max_length=40)

    class Meta:
        verbose_name = _("Löschung")
        verbose_name_plural = _("Löschungen")
        ordering = ["-performed_at"]

    def __str__(self) -> str:
        return f"{self.pseudonym} ({self.performed_at:%Y-%m-%d})"
