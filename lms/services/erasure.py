"""Erasure of a person (DESIGN §7.6): after the retention period for leavers, or on
an administrator's request.

The account row stays, so every record that counts in an aggregate (enrolments,
progress, quiz attempts, certificates, learning events) keeps counting for the
same unit; but everything that names the person is replaced by a pseudonym or
removed: name, e-mail, username, personnel number, job title, the directory link,
notifications (their texts name people), login attempts, API tokens, the calendar
feed, the name on certificates (the public check then answers "unbekannt"), and
mentions in the admin logs and staff import jobs. Learning events stay keyed to the account, which
is now the pseudonym. Other apps remove their part in receivers of
`common.signals.person_erased`, in the same transaction (sandbox: runs; analytics:
survey links). The erasure itself is logged as an `ErasureRecord`: who and when,
never whom by name.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token
from wagtail.models import ModelLogEntry, PageLogEntry

from common.signals import person_erased
from lms.models import (
    CalendarFeed,
    Certificate,
    DirectoryAccount,
    ErasureRecord,
    Exemption,
    Notification,
    StaffImportJob,
    StaffProfile,
)
from lms.selectors.staff import is_administrator
from lms.services.rules import rules_apply_queue

ERASED_FIRST_NAME = "Gelöschte"
ERASED_LAST_NAME = "Person"


def _pseudonym() -> str:
    return f"geloescht-{secrets.token_hex(5)}"  # 20 characters: fits a personnel no.


def _identifiers(user: User, profile: StaffProfile) -> list[str]:
    """What names the person, longest first (so a full name goes before its parts)."""
    found = {
        user.username,
        user.email,
        user.get_full_name(),
        f"{user.last_name}, {user.first_name}",
        profile.personnel_number,
    }
    return sorted((s for s in found if s and len(s) >= 3), key=len, reverse=True)


def _scrub(text: str, identifiers: list[str], pseudonym: str) -> str:
    lowered = text.lower()
    for identifier in identifiers:
        if identifier.lower() in lowered:
            start = lowered.find(identifier.lower())
            while start != -1:
                text = text[:start] + pseudonym + text[start + len(identifier) :]
                lowered = text.lower()
                start = lowered.find(identifier.lower(), start + len(pseudonym))
    return text


def _scrub_logs(identifiers: list[str], pseudonym: str) -> None:
    for identifier in identifiers:
        for entry in LogEntry.objects.filter(object_repr__icontains=identifier):
            entry.object_repr = _scrub(entry.object_repr, identifiers, pseudonym)
            entry.save(update_fields=["object_repr"])
        for entry in LogEntry.objects.filter(change_message__icontains=identifier):
            entry.change_message = _scrub(entry.change_message, identifiers, pseudonym)
            entry.save(update_fields=["change_message"])
        for model in (ModelLogEntry, PageLogEntry):
            for log in model.objects.filter(label__icontains=identifier):
                log.label = _scrub(log.label, identifiers, pseudonym)
                log.save(update_fields=["label"])
    for model in (ModelLogEntry, PageLogEntry):
        for log in model.objects.exclude(data={}):
            text = json.dumps(log.data, ensure_ascii=False)
            scrubbed = _scrub(text, identifiers, pseudonym)
            if scrubbed != text:
                log.data = json.loads(scrubbed)
                log.save(update_fields=["data"])


def _scrub_import_jobs(identifiers: list[str], pseudonym: str) -> None:
    for job in StaffImportJob.objects.exclude(errors=[]).exclude(errors={}):
        text = json.dumps(job.errors, ensure_ascii=False)
        scrubbed = _scrub(text, identifiers, pseudonym)
        if scrubbed != text:
            job.errors = json.loads(scrubbed)
            job.save(update_fields=["errors"])
    for job in StaffImportJob.objects.exclude(data=b""):
        content = bytes(job.data).decode("utf-8", "replace").lower()
        if any(identifier.lower() in content for identifier in identifiers):
            job.data = b""  # an unfinished upload that lists the person
            job.save(update_fields=["data"])


def person_erase(
    *, user: User, actor: User | None, reason: str = ErasureRecord.REASON_REQUEST
) -> ErasureRecord:
    """Pseudonymise a person and remove what names them (see the module docstring).

    Only staff members can be erased, never an administrator or oneself; raises
    ValidationError otherwise. All or nothing; erasing twice is refused.
    """
    profile = StaffProfile.objects.filter(user=user).first()
    if profile is None:
        raise ValidationError(_("Nur Beschäftigte können gelöscht werden."))
    if profile.erased_at is not None:
        raise ValidationError(_("Diese Person ist bereits gelöscht."))
    if is_administrator(user):
        raise ValidationError(
            _(
                "Konten der Administration werden nicht gelöscht: erst die Rolle entziehen."
            )
        )
    if actor is not None and actor.pk == user.pk:
        raise ValidationError(_("Ihr eigenes Konto können Sie nicht löschen."))

    now = timezone.now()
    pseudonym = _pseudonym()
    identifiers = _identifiers(user, profile)
    with transaction.atomic():
        person_erased.send(sender=User, user_id=user.pk, pseudonym=pseudonym)

        Notification.objects.filter(recipient=user).delete()
        Notification.objects.filter(enrolment__user=user).delete()
        Certificate.objects.filter(user=user).update(holder_name="")
        Exemption.objects.filter(user=user).update(reason="–")
        Token.objects.filter(user=user).delete()
        CalendarFeed.objects.filter(user=user).delete()
        DirectoryAccount.objects.filter(user=user).delete()
        for model in (AccessAttempt, AccessLog, AccessFailureLog):
            for identifier in (user.username, user.email):
                if identifier:
                    model.objects.filter(username__iexact=identifier).delete()
        _scrub_logs(identifiers, pseudonym)
        _scrub_import_jobs(identifiers, pseudonym)

        user.username = pseudonym
        user.first_name, user.last_name = ERASED_FIRST_NAME, ERASED_LAST_NAME
        user.email = ""
        user.is_active = False
        user.is_staff = user.is_superuser = False
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
        user.headed_units.clear()

        profile.personnel_number = pseudonym
        profile.job_title = ""
        profile.left_on = profile.left_on or timezone.localdate()
        profile.erased_at = now
        profile.save()
        rules_apply_queue(user_ids=[user.pk])  # withdraws what is still open

        record = ErasureRecord.objects.create(
            performed_at=now, performed_by=actor, reason=reason, pseudonym=pseudonym
        )
    return record


def persons_erase_expired(*, today: dt.date | None = None) -> int:
    """Erase leavers whose retention period has passed (daily task).

    Returns the number erased; running it again erases nobody twice.
    """
    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=settings.LOTSE_LEAVER_RETENTION_DAYS)
    due = StaffProfile.objects.filter(
        left_on__isnull=False, left_on__lte=cutoff, erased_at__isnull=True
    ).select_related("user")
    erased = 0
    for profile in due:
        try:
            person_erase(
                user=profile.user, actor=None, reason=ErasureRecord.REASON_RETENTION
            )
        except ValidationError:
            continue  # e.g. an administrator account: stays for a person to decide
        erased += 1
    return erased
