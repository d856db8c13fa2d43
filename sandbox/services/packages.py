"""Process packages: import a version, and the lead trainers' review of it.

A version that a plain trainer uploads waits for review (``pending_review``);
employees keep playing the live version until a lead trainer approves it. Operators
(commands, the demo seed) and people with ``sandbox.publish_processpackage`` put a
version live at once.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import PUBLISH_PERMISSION, ProcessPackage
from ..packages.findings import PackageInvalid
from ..packages.validate import validate_package

Status = ProcessPackage.Status


def _retire(*, process_id: str, statuses: list[str]) -> None:
    """Retire the process's versions in these statuses; runs keep their version."""
    ProcessPackage.objects.filter(process_id=process_id, status__in=statuses).update(
        status=Status.RETIRED
    )


@transaction.atomic
def package_import(*, file: Any, uploaded_by=None) -> ProcessPackage:
    """Validate a package completely and store it as the next version.

    ``file`` is an uploaded file, a path to a zip or folder, or bytes. Raises
    ``ValidationError`` listing every problem; nothing is stored then.
    The new version goes live at once when there is no uploader (an operator's
    command) or the uploader may publish; otherwise it waits for review. It replaces
    an older version still waiting for review.
    ``package.import_notes`` lists what was kept from the modelling tool but is
    never evaluated (one sentence per tool).
    Importing content identical to the latest version stores nothing and returns
    that version (``package.is_new`` tells which), unless that version was rejected:
    then the content is submitted again as a new version.
    """
    try:
        valid = validate_package(file)
    except PackageInvalid as exc:
        raise ValidationError(exc.errors) from None
    digest = hashlib.sha256(
        "\0".join((valid.bpmn, valid.dmn, valid.sandbox_json)).encode("utf-8")
    ).hexdigest()
    latest = (
        ProcessPackage.objects.select_for_update()
        .filter(process_id=valid.process_id)
        .order_by("-version")
        .first()
    )
    if (
        latest is not None
        and latest.digest == digest
        and latest.status != Status.REJECTED
    ):
        latest.is_new = False
        latest.import_notes = valid.notes
        return latest
    publish = uploaded_by is None or uploaded_by.has_perm(PUBLISH_PERMISSION)
    _retire(
        process_id=valid.process_id,
        statuses=[Status.PENDING_REVIEW, Status.LIVE]
        if publish
        else [Status.PENDING_REVIEW],
    )
    package = ProcessPackage(
        process_id=valid.process_id,
        version=(latest.version + 1) if latest else 1,
        title=valid.title,
        bpmn=valid.bpmn,
        dmn=valid.dmn,
        sandbox_json=valid.sandbox_json,
        digest=digest,
        uploaded_by=uploaded_by,
        status=Status.LIVE if publish else Status.PENDING_REVIEW,
    )
    package.full_clean()
    try:
        with transaction.atomic():
            package.save()
    except IntegrityError:
        raise ValidationError(
            _(
                "Gleichzeitig wurde eine andere Version dieses Prozesses importiert. "
                "Bitte versuchen Sie es noch einmal."
            )
        ) from None
    package.is_new = True
    package.import_notes = valid.notes
    return package


def _locked_for_review(*, package: ProcessPackage, reviewed_by) -> ProcessPackage:
    if not reviewed_by.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied(_("Sie dürfen keine Prozesspakete freigeben."))
    package = ProcessPackage.objects.select_for_update().get(pk=package.pk)
    if not package.awaits_review:
        raise ValidationError(
            _("Version %(version)s wartet nicht auf Freigabe (%(status)s).")
            % {"version": package.version, "status": package.get_status_display()}
        )
    return package


def _reviewed(
    package: ProcessPackage, *, status: str, reviewed_by, comment: str
) -> ProcessPackage:
    package.status = status
    package.reviewed_by = reviewed_by
    package.reviewed_at = timezone.now()
    package.review_comment = comment
    package.full_clean()
    package.save(
        update_fields=["status", "reviewed_by", "reviewed_at", "review_comment"]
    )
    return package


@transaction.atomic
def package_approve(
    *, package: ProcessPackage, reviewed_by, comment: str = ""
) -> ProcessPackage:
    """Put a version that waits for review live: from now on employees start their
    runs on it. The version live before is retired; runs started on it keep it.

    Raises ``PermissionDenied`` unless ``reviewed_by`` may publish, and
    ``ValidationError`` when the version does not wait for review.
    """
    package = _locked_for_review(package=package, reviewed_by=reviewed_by)
    _retire(process_id=package.process_id, statuses=[Status.LIVE])
    return _reviewed(
        package,
        status=Status.LIVE,
        reviewed_by=reviewed_by,
        comment=comment.strip(),
    )


@transaction.atomic
def package_reject(
    *, package: ProcessPackage, reviewed_by, comment: str
) -> ProcessPackage:
    """Reject a version that waits for review, with the reason for its uploader.
    The live version stays live.

    Raises ``PermissionDenied`` unless ``reviewed_by`` may publish, and
    ``ValidationError`` without a comment or when the version does not wait for
    review.
    """
    package = _locked_for_review(package=package, reviewed_by=reviewed_by)
    comment = comment.strip()
    if not comment:
        raise ValidationError(
            {
                "comment": [
                    _(
                        "Bitte begründen Sie die Ablehnung, damit das Schulungsteam "
                        "weiß, was zu ändern ist."
                    )
                ]
            }
        )
    return _reviewed(
        package, status=Status.REJECTED, reviewed_by=reviewed_by, comment=comment
    )
