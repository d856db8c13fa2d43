"""The one door for a course package: a new course, or an update of an adopted one."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from ..models import CourseOrigin
from ..packages import archive
from ..packages.archive import PackageProblems
from ..packages.content import check_content
from .course_import import (
    ImportResult,
    catalogue_for_import,
    course_create_from_package,
    may_import,
)
from .course_update import course_update_prepare


def _open_source(source: Any):
    if isinstance(source, (str, Path)):
        path = Path(source)
        if not path.is_file():
            raise ValidationError(
                [_("Die Datei „%(path)s“ gibt es nicht.") % {"path": path}]
            )
        return path.open("rb")
    if isinstance(source, (bytes, bytearray)):
        import io

        return io.BytesIO(bytes(source))
    return source


def course_package_import(
    *, file: Any, parent_slug: str | None = None, user=None
) -> ImportResult:
    """Import a course package (a path, bytes or an uploaded file).

    A course from an origin not seen before becomes a new course under the
    catalogue (``parent_slug`` or the first one): drafts submitted for review.
    A newer version of a course adopted before becomes a ``CourseUpdate`` that
    waits for a person to compare and confirm (``course_update_apply``); the course
    does not change yet. Raises ``ValidationError`` listing every problem (nothing
    is stored then, nothing written outside a temporary folder), and
    ``PermissionDenied`` if ``user`` may not add courses to the catalogue.
    """
    handle = _open_source(file)
    try:
        with tempfile.TemporaryDirectory(prefix="lotse-kurs-") as folder:
            try:
                unpacked = archive.unpack(handle, Path(folder))
                checked = check_content(unpacked)
                catalogue = catalogue_for_import(parent_slug)
            except PackageProblems as exc:
                raise ValidationError(exc.problems) from None
            if not may_import(user, catalogue):
                raise PermissionDenied(
                    _("Sie dürfen in diesem Katalog keine Kurse anlegen.")
                )
            origin = CourseOrigin.objects.filter(
                installation=checked.origin["installation"],
                origin_course_id=checked.origin["course_id"],
            ).first()
            if origin is not None:
                return course_update_prepare(
                    origin=origin, checked=checked, source=handle, user=user
                )
            return course_create_from_package(
                checked=checked, catalogue=catalogue, user=user
            )
    finally:
        if handle is not file:
            handle.close()
