"""The Kursbörse: publishing packages in the catalogue installation, and in a
subscribing installation adopting them and noticing newer versions.

Subscribers talk to the catalogue over its API (``LOTSE_EXCHANGE_URL``, token
``LOTSE_EXCHANGE_TOKEN``). Nothing is applied without a person: the beat job only
notes that a newer version is available.
"""

from __future__ import annotations

import io
import json
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from ..models import CatalogueEntry, CourseOrigin
from ..packages import archive
from ..packages.archive import PackageProblems
from ..packages.content import check_content
from .course_import import ImportResult
from .packages import course_package_import

# --- In the catalogue installation ---------------------------------------------------


def catalogue_publish(*, file: Any) -> CatalogueEntry:
    """Offer a course package in the Kursbörse, or replace the offer of that course
    with a newer version. The package is checked completely first. Raises
    ``ValidationError`` with every problem; nothing is stored then."""
    data = file if isinstance(file, bytes) else Path(file).read_bytes()
    with tempfile.TemporaryDirectory(prefix="lotse-kurs-") as folder:
        try:
            checked = check_content(archive.unpack(io.BytesIO(data), Path(folder)))
        except PackageProblems as exc:
            raise ValidationError(exc.problems) from None
    manifest = checked.manifest
    origin = checked.origin
    course = checked.content["course"]
    with transaction.atomic():
        entry = (
            CatalogueEntry.objects.select_for_update()
            .filter(
                installation=origin["installation"],
                origin_course_id=origin["course_id"],
            )
            .first()
        )
        if entry is not None and checked.version <= entry.version:
            raise ValidationError(
                [
                    _(
                        "Version %(new)s ist nicht neuer als die Version %(old)s in "
                        "der Kursbörse."
                    )
                    % {"new": checked.version, "old": entry.version}
                ]
            )
        entry = entry or CatalogueEntry(
            installation=origin["installation"], origin_course_id=origin["course_id"]
        )
        entry.installation_name = str(origin.get("name", ""))[:200]
        entry.title = str(course.get("title", ""))[:255]
        entry.summary = str(course.get("summary", ""))[:2000]
        entry.licence = str(manifest.get("licence", ""))[:100]
        entry.version = checked.version
        entry.published_at = timezone.now()
        entry.size = len(data)
        entry.package.save(
            f"kurs-{origin['course_id']}-v{checked.version}.zip",
            ContentFile(data),
            save=False,
        )
        entry.full_clean()
        entry.save()
    return entry


# --- In a subscribing installation ---------------------------------------------------


class CatalogueUnavailable(Exception):
    """The Kursbörse did not answer as expected."""


def _get(path: str) -> bytes:
    if not settings.LOTSE_EXCHANGE_URL:
        raise CatalogueUnavailable(_("Es ist keine Kursbörse eingerichtet."))
    url = urllib.parse.urljoin(settings.LOTSE_EXCHANGE_URL.rstrip("/") + "/", path)
    request = urllib.request.Request(
        url,
        headers={
            "Authorization": f"Token {settings.LOTSE_EXCHANGE_TOKEN}",
            "Accept": "application/json, application/zip",
        },
    )
    try:
        with urllib.request.urlopen(  # noqa: S310 (the operator's configured URL)
            request, timeout=settings.LOTSE_EXCHANGE_TIMEOUT
        ) as response:
            return response.read()
    except (urllib.error.URLError, OSError, TimeoutError, ValueError):
        raise CatalogueUnavailable(
            _(
                "Die Kursbörse ist gerade nicht erreichbar. Bitte später erneut versuchen."
            )
        ) from None


def catalogue_entries() -> list[dict]:
    """Every course the Kursbörse offers (all pages of its list)."""
    entries: list[dict] = []
    path = "api/v1/exchange/courses/"
    for _page in range(100):
        try:
            body = json.loads(_get(path))
            entries.extend(body["results"])
        except (ValueError, KeyError, TypeError):
            raise CatalogueUnavailable(
                _("Die Kursbörse hat unerwartet geantwortet.")
            ) from None
        following = body.get("next")
        if not following:
            break
        path = following.lstrip("/")
    for entry in entries:
        entry["published_at"] = parse_datetime(str(entry.get("published_at", "")))
    return entries


def catalogue_adopt(*, entry_id: int, user) -> ImportResult:
    """Fetch a package from the Kursbörse and import it (a new course, or an update
    that waits for confirmation)."""
    data = _get(f"api/v1/exchange/courses/{int(entry_id)}/package/")
    result = course_package_import(file=data, user=user)
    CourseOrigin.objects.filter(course=result.course).update(
        catalogue_entry_id=entry_id
    )
    return result


def catalogue_check_updates() -> int:
    """Note, for every adopted course, the newest version the Kursbörse offers;
    returns how many courses have an update available. Applies nothing."""
    entries = catalogue_entries()
    by_origin = {
        (
            entry.get("origin", {}).get("installation"),
            entry.get("origin", {}).get("course_id"),
        ): entry
        for entry in entries
    }
    available = 0
    for origin in CourseOrigin.objects.all():
        entry = by_origin.get((origin.installation, origin.origin_course_id))
        if entry is None:
            continue
        origin.available_version = entry["version"]
        origin.catalogue_entry_id = entry["id"]
        origin.save(update_fields=["available_version", "catalogue_entry_id"])
        available += origin.update_available
    return available
