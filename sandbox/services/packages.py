"""Importing process packages: validate completely, then store a new version."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..models import ProcessPackage
from ..packages.findings import PackageInvalid
from ..packages.validate import validate_package


@transaction.atomic
def package_import(*, file: Any, uploaded_by=None) -> ProcessPackage:
    """Validate a package completely and store it as the next version.

    ``file`` is an uploaded file, a path to a zip or folder, or bytes. Raises
    ``ValidationError`` listing every problem; nothing is stored then.
    Importing content identical to the latest version stores nothing and returns
    that version (``package.is_new`` tells which).
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
    if latest is not None and latest.digest == digest:
        latest.is_new = False
        return latest
    package = ProcessPackage(
        process_id=valid.process_id,
        version=(latest.version + 1) if latest else 1,
        title=valid.title,
        bpmn=valid.bpmn,
        dmn=valid.dmn,
        sandbox_json=valid.sandbox_json,
        digest=digest,
        uploaded_by=uploaded_by,
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
    return package
