"""Building a course package (`lotse-course/1`) from a course in this installation.

The package holds the course and its live lessons with their StreamField content
as stored, every image, document and video they use, and the live version of every
sandbox process their exercises name. ``manifest.json`` names the origin
(installation and course id), the version and a SHA-256 checksum of every member.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import PurePosixPath

from django.conf import settings
from django.utils import timezone
from django.utils.text import get_valid_filename
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtailmedia.models import get_media_model

from courses.models import CoursePage, LessonPage
from sandbox import selectors as sandbox_selectors

from . import streams
from .archive import CONTENT, FORMAT, MANIFEST

COURSE_FIELDS = (
    "title",
    "slug",
    "seo_title",
    "search_description",
    "summary",
    "goals",
    "target_group",
    "estimated_minutes",
    "pass_mark",
    "certificate_validity_months",
    "initiative",
    "is_mandatory_hint",
    "cover_image_alt",
)
LESSON_FIELDS = ("title", "slug", "seo_title", "summary", "estimated_minutes")
PROCESS_MEMBERS = ("process.bpmn", "decisions.dmn", "sandbox.json")


@dataclass
class BuiltPackage:
    data: bytes
    filename: str
    version: int
    digest: str


def lotse_version() -> str:
    try:
        return package_version("lotse")
    except PackageNotFoundError:  # running from a checkout without install
        return "0"


def course_lessons(course: CoursePage) -> list[LessonPage]:
    """The lessons a package carries: the live ones, in course order."""
    return list(LessonPage.objects.child_of(course).live().order_by("path"))


def course_version(course: CoursePage, lessons: list[LessonPage]) -> int:
    """Grows with every publication of the course or one of its lessons."""
    return max([page.live_revision_id or 0 for page in [course, *lessons]] + [1])


def _member_name(folder: str, pk: int, filename: str) -> str:
    name = get_valid_filename(PurePosixPath(filename).name) or "datei"
    return f"{folder}/{pk}/{name}"


def course_package_build(course: CoursePage) -> BuiltPackage:
    """The course as a package, in memory."""
    lessons = course_lessons(course)
    used: dict[str, set[int]] = {streams.IMAGE: set(), streams.DOCUMENT: set()}
    used[streams.VIDEO] = set()
    processes: set[str] = set()

    def reference(kind, value, where):
        if isinstance(value, int):
            used[kind].add(value)
        return value

    visitor = streams.Visitor(reference=reference)
    stream_block = LessonPage._meta.get_field("body").stream_block
    lesson_entries = []
    for lesson in lessons:
        raw = list(lesson.body.raw_data)
        streams.walk(stream_block, raw, visitor, lesson.title)
        for item in raw:
            if item.get("type") == "sandbox_exercise":
                process_id = (item.get("value") or {}).get("process_id")
                if process_id:
                    processes.add(process_id)
        entry = {field: getattr(lesson, field) for field in LESSON_FIELDS}
        entry.update(id=lesson.pk, body=raw)
        lesson_entries.append(entry)
    if course.cover_image_id:
        used[streams.IMAGE].add(course.cover_image_id)

    members: dict[str, bytes] = {}
    content: dict = {
        "course": {field: getattr(course, field) for field in COURSE_FIELDS},
        "lessons": lesson_entries,
        "images": [],
        "documents": [],
        "videos": [],
        "processes": [],
    }
    content["course"]["cover_image"] = course.cover_image_id
    for image in get_image_model().objects.filter(pk__in=used[streams.IMAGE]):
        name = _member_name("images", image.pk, image.file.name)
        with image.file.open("rb") as handle:
            members[name] = handle.read()
        content["images"].append({"id": image.pk, "title": image.title, "file": name})
    for document in get_document_model().objects.filter(pk__in=used[streams.DOCUMENT]):
        name = _member_name("documents", document.pk, document.file.name)
        with document.file.open("rb") as handle:
            members[name] = handle.read()
        content["documents"].append(
            {"id": document.pk, "title": document.title, "file": name}
        )
    for media in get_media_model().objects.filter(pk__in=used[streams.VIDEO]):
        name = _member_name("videos", media.pk, media.file.name)
        with media.file.open("rb") as handle:
            members[name] = handle.read()
        entry = {
            "id": media.pk,
            "title": media.title,
            "file": name,
            "type": media.type,
            "duration": float(media.duration or 0),
            "captions": None,
            "captions_language": getattr(media, "captions_language", "de"),
        }
        captions = getattr(media, "captions", None)
        if captions:
            captions_name = _member_name("videos", media.pk, captions.name)
            with captions.open("rb") as handle:
                members[captions_name] = handle.read()
            entry["captions"] = captions_name
        content["videos"].append(entry)
    for process_id in sorted(processes):
        package = sandbox_selectors.process_get(process_id)
        if package is None:
            continue
        files = {}
        for member, text in (
            ("process.bpmn", package.bpmn),
            ("decisions.dmn", package.dmn),
            ("sandbox.json", package.sandbox_json),
        ):
            if text:
                name = f"sandbox/{process_id}/{member}"
                members[name] = text.encode("utf-8")
                files[member] = name
        content["processes"].append(
            {
                "process_id": process_id,
                "title": package.title,
                "version": package.version,
                "files": files,
            }
        )

    members[CONTENT] = json.dumps(
        content, ensure_ascii=False, indent=1, sort_keys=True
    ).encode("utf-8")
    checksums = {
        name: hashlib.sha256(data).hexdigest() for name, data in sorted(members.items())
    }
    digest = hashlib.sha256(
        json.dumps(checksums, sort_keys=True).encode("utf-8")
    ).hexdigest()
    version = course_version(course, lessons)
    manifest = {
        "format": FORMAT,
        "lotse_version": lotse_version(),
        "origin": {
            "installation": settings.LOTSE_INSTALLATION_ID,
            "name": settings.LOTSE_INSTALLATION_NAME,
            "course_id": course.pk,
        },
        "course": {
            "title": course.title,
            "slug": course.slug,
            "summary": course.summary,
        },
        "licence": settings.LOTSE_COURSE_LICENCE,
        "version": version,
        "exported_at": timezone.now().isoformat(),
        "members": checksums,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        for name, data in sorted(members.items()):
            archive.writestr(name, data)
    return BuiltPackage(
        data=buffer.getvalue(),
        filename=f"{course.slug}-v{version}.zip",
        version=version,
        digest=digest,
    )
