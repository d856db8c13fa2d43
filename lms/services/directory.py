"""Accounts that come from the town's directory (LDAP/AD, OpenID Connect).

At every sign-in the directory is the source of truth for a person's names,
e-mail, unit and roles: the first sign-in creates the person (or links an imported
one by personnel number), each later one updates them; the assignment rules then
run for them. Roles from the directory never grant Administration unless
`LOTSE_DIRECTORY_MAY_GRANT_ADMIN` is on. A person disabled in the directory is
deactivated; one removed from it is marked as left.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lms import roles
from lms.directory import DirectoryPerson
from lms.directory.ldap import ldap_enabled, ldap_find, ldap_has_personnel_number
from lms.models.identity import DirectoryAccount
from lms.models.org import OrgUnit, StaffProfile
from lms.selectors.staff import account_roles, is_administrator
from lms.services.leavers import person_mark_left
from lms.services.org import user_set_roles
from lms.services.rules import rules_apply_queue

logger = logging.getLogger(__name__)
User = get_user_model()


class DirectorySignInRefused(Exception):
    """The directory knows the person, but Lotse cannot let them in (German reason)."""


def _linked_user(person: DirectoryPerson) -> AbstractUser | None:
    account = (
        DirectoryAccount.objects.select_related("user")
        .filter(source=person.source, subject=person.subject)
        .first()
    )
    if account is not None:
        return account.user
    if person.personnel_number:
        profile = (
            StaffProfile.objects.select_related("user")
            .filter(personnel_number=person.personnel_number)
            .first()
        )
        if profile is not None:
            return profile.user
    # An imported account of the same name that never had a password of its own;
    # a local account (e.g. a break-glass administrator) is never taken over.
    same_name = User.objects.filter(username__iexact=person.username).first()
    if (
        same_name is not None
        and not same_name.has_usable_password()
        and not hasattr(same_name, "directory_account")
        and not is_administrator(same_name)
    ):
        return same_name
    return None


def _directory_roles(person: DirectoryPerson, user: AbstractUser | None) -> set[str]:
    wanted = set(person.roles) - {roles.EMPLOYEE}
    if not settings.LOTSE_DIRECTORY_MAY_GRANT_ADMIN:
        wanted.discard(roles.ADMIN)
        # Administration is then given locally only, so the directory keeps it too.
        if user is not None and roles.ADMIN in account_roles(user):
            wanted.add(roles.ADMIN)
    return wanted


def _check_may_sign_in(
    person: DirectoryPerson,
    user: AbstractUser | None,
    profile: StaffProfile | None,
    unit: OrgUnit | None,
) -> None:
    if profile is not None and (profile.left_on or profile.erased_at):
        raise DirectorySignInRefused(
            _("Ihr Konto ist als ausgeschieden vermerkt und kann nicht mehr anmelden.")
        )
    if user is not None and not user.is_active:
        account = getattr(user, "directory_account", None)
        if account is None or not account.disabled_in_directory:
            raise DirectorySignInRefused(_("Dieses Konto ist deaktiviert."))
    if profile is None:
        if unit is None:
            raise DirectorySignInRefused(
                _(
                    "Ihre Organisationseinheit ist in Lotse nicht bekannt. Bitte "
                    "wenden Sie sich an die Personalentwicklung."
                )
            )
        if not person.personnel_number:
            raise DirectorySignInRefused(
                _(
                    "Im Verzeichnis fehlt Ihre Personalnummer. Bitte wenden Sie sich "
                    "an die Personalentwicklung."
                )
            )
        if StaffProfile.objects.filter(
            personnel_number=person.personnel_number
        ).exists():
            raise DirectorySignInRefused(
                _("Ihre Personalnummer gehört in Lotse einem anderen Konto.")
            )
    if user is None and User.objects.filter(username__iexact=person.username).exists():
        raise DirectorySignInRefused(
            _(
                "Ihr Benutzername gehört in Lotse einem lokalen Konto. Bitte wenden "
                "Sie sich an die Administration."
            )
        )


def _email_free(email: str, user: AbstractUser | None) -> bool:
    others = User.objects.filter(email__iexact=email)
    if user is not None:
        others = others.exclude(pk=user.pk)
    return bool(email) and not others.exists()


def directory_person_sign_in(*, person: DirectoryPerson) -> AbstractUser:
    """Create, link or update the account of a person the directory let in.

    Raises DirectorySignInRefused (nothing saved) when the person has left, was
    deactivated in Lotse, or cannot be placed (unknown unit, missing or taken
    personnel number, a local account of the same name). Queues the assignment
    rules for the person once committed.
    """
    with transaction.atomic():
        user = _linked_user(person)
        if user is not None:
            user = User.objects.select_for_update().get(pk=user.pk)
        profile = StaffProfile.objects.filter(user=user).first() if user else None
        unit = OrgUnit.objects.filter(code=person.org_unit_code).first()
        if person.org_unit_code and unit is None:
            logger.warning("Directory names an unknown org unit code")
        _check_may_sign_in(person, user, profile, unit)

        if user is None:
            user = User(username=person.username, is_active=True)
            user.set_unusable_password()
        user.is_active = True
        user.first_name = person.first_name[:150] or user.first_name
        user.last_name = person.last_name[:150] or user.last_name
        if _email_free(person.email, user):
            user.email = person.email
        if (
            user.pk is not None
            and user.has_usable_password()
            and not is_administrator(user)
        ):
            # The directory's password counts now; an old local one must not.
            user.set_unusable_password()
        user.save()

        old_unit_id = profile.org_unit_id if profile else None
        if profile is None:
            profile = StaffProfile(user=user, personnel_number=person.personnel_number)
        if unit is not None:
            profile.org_unit = unit
        profile.full_clean()
        profile.save()

        DirectoryAccount.objects.update_or_create(
            user=user,
            defaults={
                "source": person.source,
                "subject": person.subject,
                "disabled_in_directory": False,
                "synced_at": timezone.now(),
            },
        )
        wanted = _directory_roles(person, user)
        if _roles_configured(person.source) and wanted != account_roles(user):
            user_set_roles(user=user, role_names=wanted)  # queues the rule run
        else:
            if old_unit_id != profile.org_unit_id:
                rules_apply_queue(user_ids=[user.pk])
    return user


def _roles_configured(source: str) -> bool:
    """Roles follow the directory only where it names groups for them."""
    if source == DirectoryAccount.SOURCE_LDAP:
        return bool(settings.LDAP_ROLE_GROUPS.strip())
    return bool(getattr(settings, "OIDC_ROLE_CLAIM", ""))


def _linked_accounts(source: str, subject: str, personnel_number: str = ""):
    condition = Q(directory_account__source=source, directory_account__subject=subject)
    if personnel_number:
        condition |= Q(
            staff__personnel_number=personnel_number, directory_account__isnull=False
        )
    return User.objects.filter(condition)


def directory_person_disabled(*, person: DirectoryPerson) -> int:
    """The directory says this person is disabled: lock their Lotse account.

    No sign-in and no API token from now on; unfinished mandatory training is
    withdrawn by the rule run. Returns the number of accounts locked.
    """
    locked = 0
    with transaction.atomic():
        for user in _linked_accounts(
            person.source, person.subject, person.personnel_number
        ):
            DirectoryAccount.objects.filter(user=user).update(
                disabled_in_directory=True, synced_at=timezone.now()
            )
            if user.is_active:
                user.is_active = False
                user.save(update_fields=["is_active"])
                rules_apply_queue(user_ids=[user.pk])
                locked += 1
    return locked


def directory_person_removed(*, source: str, subject: str) -> int:
    """The directory no longer has this person: their account is marked as left.

    Not when the directory still has their personnel number under another login
    name (renamed). Raises DirectoryUnavailable if the directory does not answer.
    """
    left = 0
    with transaction.atomic():
        for user in _linked_accounts(source, subject):
            profile = StaffProfile.objects.filter(user=user).first()
            if (
                source == DirectoryAccount.SOURCE_LDAP
                and profile is not None
                and ldap_has_personnel_number(profile.personnel_number)
            ):
                # Renamed in the directory, not gone: the next sign-in with the
                # new login name links the account again by personnel number.
                continue
            if profile is not None and profile.left_on is None:
                person_mark_left(user=user, left_on=timezone.localdate())
                left += 1
            elif profile is None and user.is_active:
                user.is_active = False
                user.save(update_fields=["is_active"])
                left += 1
    return left


def directory_accounts_check() -> dict[str, int]:
    """Compare every LDAP-linked account with the directory (periodic task).

    A person disabled there is locked here, one removed there is marked as left,
    one enabled again there may sign in again. This is what keeps API tokens of
    people the directory shut out from working. Does nothing when LDAP is off;
    raises DirectoryUnavailable when the directory does not answer.
    """
    counts = {"checked": 0, "locked": 0, "left": 0, "unlocked": 0}
    if not ldap_enabled():
        return counts
    accounts = DirectoryAccount.objects.filter(
        source=DirectoryAccount.SOURCE_LDAP, user__staff__left_on__isnull=True
    ).select_related("user")
    for account in accounts:
        counts["checked"] += 1
        person = ldap_find(account.subject)
        if person is None:
            counts["left"] += directory_person_removed(
                source=account.source, subject=account.subject
            )
        elif person.disabled:
            counts["locked"] += directory_person_disabled(person=person)
        elif account.disabled_in_directory:
            with transaction.atomic():
                account.disabled_in_directory = False
                account.synced_at = timezone.now()
                account.save(update_fields=["disabled_in_directory", "synced_at"])
                account.user.is_active = True
                account.user.save(update_fields=["is_active"])
                rules_apply_queue(user_ids=[account.user_id])
            counts["unlocked"] += 1
    return counts
