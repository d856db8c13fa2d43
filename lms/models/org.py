"""The organisation: the org-unit tree and staff profiles.

A person is a Django `User` (login, name, e-mail) plus a `StaffProfile`
(personnel number, org unit, job title). Roles are groups (see `lms.roles`).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgUnit(models.Model):
    code = models.SlugField(_("Kürzel"), max_length=40, unique=True)
    name = models.CharField(_("Name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("übergeordnete Einheit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    heads = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Leitung"),
        blank=True,
        related_name="headed_units",
    )

    class Meta:
        verbose_name = _("Organisationseinheit")
        verbose_name_plural = _("Organisationseinheiten")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.pk is None or self.parent_id is None:
            return
        if self.parent_id == self.pk:
            raise ValidationError(
                {
                    "parent": _(
                        "Eine Einheit kann nicht ihre eigene übergeordnete Einheit sein."
                    )
                }
            )
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError(
                    {
                        "parent": _(
                            "Eine Einheit kann nicht unter einer ihrer eigenen "
                            "Untereinheiten hängen."
                        )
                    }
                )
            ancestor = ancestor.parent


class StaffProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Konto"),
        on_delete=models.CASCADE,
        related_name="staff",
    )
    personnel_number = models.CharField(_("Personalnummer"), max_length=20, unique=True)
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("Organisationseinheit"),
        on_delete=models.PROTECT,
        related_name="members",
    )
    job_title = models.CharField(_("Funktion"), max_length=120, blank=True)
    # A leaver cannot sign in; after the retention period they are erased.
    left_on = models.DateField(_("ausgeschieden am"), null=True, blank=True)
    erased_at = models.DateTimeField(_("pseudonymisiert am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Beschäftigte Person")
        verbose_name_plural = _("Beschäftigte")
        ordering = ["user__last_name", "user__first_name"]
        permissions = [("import_staff", _("Darf Beschäftigte aus CSV importieren"))]

    def __str__(self) -> str:
        return f"{self.user.get_full_name()} ({self.personnel_number})"
