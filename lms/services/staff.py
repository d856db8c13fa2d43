"""Changes to one person made on the staff page: names, e-mail, unit, roles, status.

Only an administrator changes an administrator account or grants Administration;
the training admin manages everybody else. A person's unit, job title, roles and
whether they are active decide which assignment rules apply, so each change asks
for a rule run for that person (`rules_apply_queue`).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from lms import roles
from lms.models.org import OrgUnit, StaffProfile
from lms.selectors.staff import account_roles, is_administrator, may_manage_account
from lms.services.org import user_set_roles
from lms.services.rules import rules_apply_queue

User = get_user_model()


def _ensure_may_manage(actor: AbstractUser, user: AbstractUser) -> None:
    if not may_manage_account(actor=actor, user=user):
        raise PermissionDenied(
            _("Konten der Administration ändert nur die Administration.")
        )


def staff_member_update(
    *,
    actor: AbstractUser,
    profile: StaffProfile,
    first_name: str,
    last_name: str,
    email: str,
    org_unit: OrgUnit,
    job_title: str,
    role_names: set[str],
) -> StaffProfile:
    """Change a person's name, e-mail, unit, job title and roles (all at once).

    Raises PermissionDenied for an administrator account unless `actor` is an
    administrator, and ValidationError (by field) for bad input; then nothing is
    saved. A changed unit, job title or role set applies the rules once committed.
    """
    user = profile.user
    _ensure_may_manage(actor, user)
    first_name, last_name = first_name.strip(), last_name.strip()
    email = email.strip().lower()
    job_title = job_title.strip()
    role_names = set(role_names) - {roles.EMPLOYEE}
    current_roles = account_roles(user)
    errors = _update_errors(
        actor=actor,
        user=user,
        first_name=first_name,
        last_name=last_name,
        email=email,
        role_names=role_names,
        current_roles=current_roles,
    )
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        user.first_name, user.last_name, user.email = first_name, last_name, email
        user.full_clean()
        user.save(update_fields=["first_name", "last_name", "email"])
        profile_changed = (profile.org_unit_id, profile.job_title) != (
            org_unit.pk,
            job_title,
        )
        profile.org_unit, profile.job_title = org_unit, job_title
        profile.full_clean()
        profile.save(update_fields=["org_unit", "job_title"])
        if role_names != current_roles:
            user_set_roles(user=user, role_names=role_names)  # queues the rule run
        elif profile_changed:
            rules_apply_queue(user_ids=[user.pk])
    return profile


def _update_errors(
    *,
    actor: AbstractUser,
    user: AbstractUser,
    first_name: str,
    last_name: str,
    email: str,
    role_names: set[str],
    current_roles: set[str],
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not first_name:
        errors["first_name"] = [_("Bitte geben Sie den Vornamen an.")]
    if not last_name:
        errors["last_name"] = [_("Bitte geben Sie den Nachnamen an.")]
    email_error = _email_error(email, user)
    if email_error:
        errors["email"] = [email_error]
    unknown = role_names - set(roles.ROLES)
    if unknown:
        errors["roles"] = [_("Unbekannte Rolle: %s") % ", ".join(sorted(unknown))]
    elif roles.ADMIN in role_names - current_roles and not is_administrator(actor):
        errors["roles"] = [
            _("Die Rolle Administration vergibt nur die Administration.")
        ]
    elif user.pk == actor.pk and roles.ADMIN in current_roles - role_names:
        errors["roles"] = [
            _("Die Rolle Administration können Sie sich nicht selbst entziehen.")
        ]
    return errors


def _email_error(email: str, user: AbstractUser) -> str | None:
    if not email:
        return _("Bitte geben Sie die E-Mail-Adresse an.")
    try:
        validate_email(email)
    except ValidationError:
        return _("„%s“ ist keine gültige E-Mail-Adresse.") % email
    # A password reset goes to every account with the address: keep it to one.
    if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        return _("Die E-Mail-Adresse „%s“ gehört schon einer anderen Person.") % email
    return None


def staff_member_deactivate(*, actor: AbstractUser, user: AbstractUser) -> None:
    """Lock a person out: no login, no API token; their records stay.

    Unfinished mandatory training is withdrawn by the rule run once committed.
    """
    _ensure_may_manage(actor, user)
    if user.pk == actor.pk:
        raise ValidationError(_("Ihr eigenes Konto können Sie nicht deaktivieren."))
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        rules_apply_queue(user_ids=[user.pk])


def staff_member_activate(*, actor: AbstractUser, user: AbstractUser) -> None:
    """Let a person log in again; their rules are applied once committed.

    Not a leaver: their leaving date is taken back first (staff page).
    """
    _ensure_may_manage(actor, user)
    if StaffProfile.objects.filter(user_id=user.pk, left_on__isnull=False).exists():
        raise ValidationError(
            _("Die Person ist ausgeschieden; nehmen Sie erst das Ausscheiden zurück.")
        )
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
        rules_apply_queue(user_ids=[user.pk])
