"""The staff import: check a CSV file in memory, then save it in bulk.

All or nothing. `staff_import_check` reads the database once (`staff_directory`)
and checks every line in memory (`lms.staff_csv`); only a file without a single
bad line reaches `staff_import_save`, which writes the lines that change in
batches inside one transaction. People are matched by personnel number, so
importing the same file again changes nothing. Uploaded files run as a
`StaffImportJob` in a Celery task; the command line runs the same service.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import AbstractUser, Group
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from lms import roles, staff_check, staff_csv
from lms.models import StaffImportJob, StaffProfile
from lms.person_generation import people_changed
from lms.selectors.staff import is_administrator
from lms.selectors.staff_import import staff_directory
from lms.services.invitations import staff_invitations_queue
from lms.services.rules import rules_apply_queue
from lms.staff_changes import staff_changes
from lms.staff_csv import StaffRow
from lms.tasks import staff_import_run

logger = logging.getLogger(__name__)
User = get_user_model()
Membership = User.groups.through

BATCH_SIZE = 1000
# Past this many changed people one rule run for everyone is cheaper than a
# list of ids (and keeps the broker message small).
RULES_FOR_EVERYONE_ABOVE = 1000


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)  # the first ERRORS_KEPT
    error_count: int = 0
    rows_total: int = 0
    dry_run: bool = False
    # Who is created or changed, in file order (lms.staff_changes).
    changes: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def fail(self, errors: list[str]) -> None:
        self.created = self.updated = self.unchanged = 0
        self.changes = []
        self.errors = errors[: StaffImportJob.ERRORS_KEPT]
        self.error_count = len(errors)


@dataclass
class ImportPlan:
    """A checked file: its result so far and the rows to save."""

    result: ImportResult
    rows: list[StaffRow]


def staff_import(
    *, data: bytes, dry_run: bool = False, actor: AbstractUser | None = None
) -> ImportResult:
    """Import staff from CSV bytes (UTF-8 with or without BOM, `;` or `,`).

    Every line is checked first; if any line is bad, nothing is saved and each
    error names its line. Only an administrator (or the command line,
    `actor=None`) may grant the administrator role or change an administrator.
    The assignment rules run once for everyone created or changed.
    """
    plan = staff_import_check(data=data, actor=actor, dry_run=dry_run)
    if plan.result.ok and not dry_run:
        try:
            with transaction.atomic():
                staff_import_save(plan=plan)
        except IntegrityError:
            plan.result.fail([_conflict_message()])
    return plan.result


def staff_import_check(
    *,
    data: bytes,
    actor: AbstractUser | None,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportPlan:
    """Check a file against the models and the database; saves nothing.

    `progress(checked, total)` is called every thousand lines.
    """
    rows, file_error = staff_csv.parse(data)
    result = ImportResult(dry_run=dry_run, rows_total=len(rows))
    if file_error is not None:
        result.fail([file_error])
        return ImportPlan(result=result, rows=[])
    if progress is not None:
        progress(0, len(rows))
    staff_check.check(
        rows,
        staff_directory(),
        may_grant_admin=actor is None or is_administrator(actor),
        progress=(lambda done: progress(done, len(rows))) if progress else None,
    )
    errors = staff_check.line_errors(rows)
    if errors:
        result.fail(errors)
        return ImportPlan(result=result, rows=[])
    for row in rows:
        setattr(result, row.outcome, getattr(result, row.outcome) + 1)
    result.changes = staff_changes(rows)
    return ImportPlan(result=result, rows=rows)


def staff_import_save(*, plan: ImportPlan, base_url: str | None = None) -> None:
    """Save a checked file in bulk; queue one rule run for the people it changed.

    Imported people get an unusable password and, once committed, an invitation
    e-mail with a link to set it (on `base_url`, the address the file was
    uploaded at, else the configured public address). Groups that are not roles
    stay as they are. Raises IntegrityError if someone changed the same people
    since the check; the caller's transaction then saves nothing.
    """
    created = [r for r in plan.rows if r.outcome == "created"]
    updated = [r for r in plan.rows if r.outcome == "updated"]
    with transaction.atomic():
        group_ids = {
            role: Group.objects.get_or_create(name=name)[0].pk
            for role, name in roles.GROUP_NAMES.items()
        }
        changed_ids = _people_create(created, group_ids)
        staff_invitations_queue(user_ids=changed_ids, base_url=base_url)
        _people_update(updated, group_ids)
        changed_ids += [row.person.user_id for row in updated if row.person]
        many = len(changed_ids) > RULES_FOR_EVERYONE_ABOVE
        rules_apply_queue(user_ids=None if many else changed_ids)
        if changed_ids:
            people_changed()  # names, units and roles written in bulk, no signals


def staff_import_job_create(
    *,
    data: bytes,
    file_name: str,
    dry_run: bool,
    actor: AbstractUser,
    base_url: str = "",
) -> StaffImportJob:
    """Store an uploaded file as a job; its task runs once the job is committed.

    `base_url` is the address the file was uploaded at: invitation links use it.
    """
    with transaction.atomic():
        job = StaffImportJob.objects.create(
            uploaded_by_id=actor.pk,
            file_name=staff_csv.shown(file_name, limit=255),
            data=data,
            dry_run=dry_run,
            base_url=base_url[:200],
        )
        # celery-types does not know delay_on_commit (Celery 5.4+) yet.
        staff_import_run.delay_on_commit(job_id=job.pk)  # type: ignore[attr-defined]
    return job


def staff_import_job_run(*, job_id: int) -> str:
    """Check (and, unless a dry run, save) a job's file; record progress and result.

    Idempotent: a finished job is left alone. A job interrupted while running
    starts again; nothing of it was saved, because the people and the job's
    result are committed together. The file is dropped once the job is finished.
    """
    job = StaffImportJob.objects.select_related("uploaded_by").filter(pk=job_id).first()
    if job is None or job.is_finished:
        return job.status if job else ""
    StaffImportJob.objects.filter(pk=job.pk).update(
        status=StaffImportJob.RUNNING, started_at=timezone.now(), rows_checked=0
    )
    actor = job.uploaded_by
    result = ImportResult(dry_run=job.dry_run)
    if actor is None or not actor.has_perm("lms.import_staff"):
        result.fail([_("Das hochladende Konto darf keine Beschäftigten importieren.")])
        _job_finish(job, result)
        return job.status

    def progress(checked: int, total: int) -> None:
        StaffImportJob.objects.filter(pk=job.pk).update(
            rows_checked=checked, rows_total=total
        )

    try:
        plan = staff_import_check(
            data=bytes(job.data), actor=actor, dry_run=job.dry_run, progress=progress
        )
        result = plan.result
        with transaction.atomic():
            if result.ok and not job.dry_run:
                staff_import_save(plan=plan, base_url=job.base_url or None)
            _job_finish(job, result)
    except IntegrityError:
        result.fail([_conflict_message()])
        _job_finish(job, result)
    except Exception:  # the job must not stay "running"; the log has the details
        logger.exception("Staff import job %s failed", job.pk)
        result.fail([_("Der Import ist abgebrochen. Es wurde nichts gespeichert.")])
        _job_finish(job, result)
    return job.status


def _job_finish(job: StaffImportJob, result: ImportResult) -> None:
    job.status = StaffImportJob.DONE if result.ok else StaffImportJob.FAILED
    job.rows_total = result.rows_total
    job.rows_checked = result.rows_total
    job.created, job.updated, job.unchanged = (
        result.created,
        result.updated,
        result.unchanged,
    )
    job.errors, job.error_count = result.errors, result.error_count
    job.changes = result.changes
    job.finished_at = timezone.now()
    job.data = b""
    job.save(
        update_fields=[
            "status",
            "rows_total",
            "rows_checked",
            "created",
            "updated",
            "unchanged",
            "errors",
            "error_count",
            "changes",
            "finished_at",
            "data",
        ]
    )


def _conflict_message() -> str:
    return _(
        "Während des Imports hat jemand anderes Beschäftigte oder Einheiten "
        "geändert. Es wurde nichts gespeichert – bitte importieren Sie die Datei "
        "noch einmal."
    )


def _role_flags(role_names: frozenset[str]) -> dict[str, bool]:
    return {
        "is_superuser": roles.ADMIN in role_names,
        "is_staff": bool(role_names & roles.STAFF_ROLES),
    }


def _unusable_password() -> str:
    """What `make_password(None)` stores, a hundred times faster for 50,000 people.

    The random part keeps each person's password reset links their own.
    """
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)


def _people_create(rows: list[StaffRow], group_ids: dict[str, int]) -> list[int]:
    users = [
        User(
            username=row.username,
            first_name=row.first_name,
            last_name=row.last_name,
            email=row.email,
            password=_unusable_password(),
            is_active=row.left_on is None,
            **_role_flags(row.role_names),
        )
        for row in rows
    ]
    User.objects.bulk_create(users, batch_size=BATCH_SIZE)
    StaffProfile.objects.bulk_create(
        [
            StaffProfile(
                user_id=user.pk,
                personnel_number=row.personnel_number,
                org_unit_id=row.unit_id,
                job_title=row.job_title,
                left_on=row.left_on,
            )
            for row, user in zip(rows, users, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )
    Membership.objects.bulk_create(
        [
            Membership(user_id=user.pk, group_id=group_ids[role])
            for row, user in zip(rows, users, strict=True)
            for role in sorted(row.role_names)
        ],
        batch_size=BATCH_SIZE,
    )
    return [user.pk for user in users]


def _people_update(rows: list[StaffRow], group_ids: dict[str, int]) -> None:
    users, profiles, new_roles = [], [], []
    leavers: list[int] = []
    for row in rows:
        person = row.person
        assert person is not None  # an "updated" row always has its person
        if row.user_changed or row.roles_changed:
            flags = (
                _role_flags(row.role_names)
                if row.roles_changed
                else {"is_superuser": person.is_superuser, "is_staff": person.is_staff}
            )
            users.append(
                User(
                    pk=person.user_id,
                    username=row.username,
                    first_name=row.first_name,
                    last_name=row.last_name,
                    email=row.email,
                    **flags,
                )
            )
        if row.profile_changed or row.left_changed:
            profiles.append(
                StaffProfile(
                    pk=person.profile_id,
                    org_unit_id=row.unit_id,
                    job_title=row.job_title,
                    left_on=row.left_on if row.left_changed else person.left_on,
                )
            )
        if row.left_changed:
            leavers.append(person.user_id)
        if row.roles_changed:
            new_roles.append((person.user_id, row.role_names))
    User.objects.bulk_update(
        users,
        ["username", "first_name", "last_name", "email", "is_superuser", "is_staff"],
        batch_size=BATCH_SIZE,
    )
    StaffProfile.objects.bulk_update(
        profiles, ["org_unit", "job_title", "left_on"], batch_size=BATCH_SIZE
    )
    # Leavers: no sign-in, no API token (their duties are withdrawn by the rule run).
    for start in range(0, len(leavers), BATCH_SIZE):
        batch = leavers[start : start + BATCH_SIZE]
        User.objects.filter(pk__in=batch).update(is_active=False)
        Token.objects.filter(user_id__in=batch).delete()
    role_group_ids = list(group_ids.values())
    user_ids = [user_id for user_id, _names in new_roles]
    for start in range(0, len(user_ids), BATCH_SIZE):
        Membership.objects.filter(
            user_id__in=user_ids[start : start + BATCH_SIZE],
            group_id__in=role_group_ids,
        ).delete()
    Membership.objects.bulk_create(
        [
            Membership(user_id=user_id, group_id=group_ids[role])
            for user_id, role_names in new_roles
            for role in sorted(role_names)
        ],
        batch_size=BATCH_SIZE,
    )
