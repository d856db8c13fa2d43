"""Adopting a course package: the whole course or nothing.

One transaction stores the images, documents and videos, the sandbox processes
(through the sandbox's own import), the course and its lessons as drafts in the
review, and the link to the origin. References are remapped to the new ids. Files
written to storage before a failure are removed again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.blocks import StreamBlockValidationError
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page
from wagtailmedia.models import get_media_model

from courses.models import CourseCatalogue, CoursePage, LessonPage
from sandbox import services as sandbox_services

from ..models import (
    EXCHANGE_BROWSE_PERMISSION,
    CourseOrigin,
    CourseUpdate,
    LessonOrigin,
)
from ..packages import richtext, streams
from ..packages.archive import PackageProblems
from ..packages.build import COURSE_FIELDS, LESSON_FIELDS
from ..packages.content import CheckedPackage


@dataclass
class ImportResult:
    """What an import did: a new course, or an update waiting for confirmation."""

    course: CoursePage
    warnings: list[str] = field(default_factory=list)
    update: CourseUpdate | None = None


def lesson_digest(lesson: LessonPage) -> str:
    """A fingerprint of what a person edits in a lesson (latest revision)."""
    latest = lesson.get_latest_revision_as_object()
    data = {name: getattr(latest, name) for name in LESSON_FIELDS if name != "slug"}
    data["body"] = list(latest.body.raw_data)
    return hashlib.sha256(
        json.dumps(data, sort_keys=True, default=str).encode("utf-8")
    ).hexdigest()


def course_digest(course: CoursePage) -> str:
    """A fingerprint of what a person edits on the course page (latest revision)."""
    latest = course.get_latest_revision_as_object()
    data = {name: getattr(latest, name) for name in COURSE_FIELDS if name != "slug"}
    data["cover_image"] = latest.cover_image_id
    return hashlib.sha256(
        json.dumps(data, sort_keys=True, default=str).encode("utf-8")
    ).hexdigest()


def course_entry_digest(entry: dict) -> str:
    """A fingerprint of the course page as the origin sent it (origin ids)."""
    data = {name: entry.get(name) for name in COURSE_FIELDS if name != "slug"}
    data["cover_image"] = entry.get("cover_image")
    return hashlib.sha256(
        json.dumps(data, sort_keys=True, default=str).encode("utf-8")
    ).hexdigest()


def catalogue_for_import(parent_slug: str | None) -> CourseCatalogue:
    catalogues = CourseCatalogue.objects.order_by("path")
    catalogue = (
        catalogues.filter(slug=parent_slug).first()
        if parent_slug
        else catalogues.first()
    )
    if catalogue is None:
        if parent_slug:
            raise PackageProblems(
                [_("Es gibt keinen Kurskatalog „%(slug)s“.") % {"slug": parent_slug}]
            )
        raise PackageProblems(
            [_("Es gibt noch keinen Kurskatalog, unter dem der Kurs stehen kann.")]
        )
    return catalogue


def free_slug(parent: Page, slug: str) -> str:
    candidate, number = slug, 2
    while Page.objects.child_of(parent).filter(slug=candidate).exists():
        candidate = f"{slug}-{number}"
        number += 1
    return candidate


class Storage:
    """Files stored so far, to remove them if the transaction rolls back."""

    def __init__(self):
        self.files: list[Any] = []

    def remember(self, field_file) -> None:
        self.files.append((field_file.storage, field_file.name))

    def remove_all(self) -> None:
        for storage, name in self.files:
            try:
                storage.delete(name)
            except OSError:
                pass


def store_media(checked: CheckedPackage, storage: Storage) -> dict[str, dict[int, int]]:
    """Images, documents and videos of the package; returns old id → new id.
    A file this installation already holds (same SHA-1, as Wagtail keeps it) is
    reused rather than stored twice."""
    members = checked.unpacked.members
    collection = Collection.get_first_root_node()
    mapping: dict[str, dict[int, int]] = {
        streams.IMAGE: {},
        streams.DOCUMENT: {},
        streams.VIDEO: {},
    }
    for kind, model, entries in (
        (streams.IMAGE, get_image_model(), checked.content.get("images", [])),
        (streams.DOCUMENT, get_document_model(), checked.content.get("documents", [])),
    ):
        for entry in entries:
            path = members[entry["file"]]
            file_hash = hashlib.sha1(path.read_bytes()).hexdigest()  # noqa: S324 (Wagtail's own hash)
            existing = model.objects.filter(file_hash=file_hash).first()
            if existing is None:
                wrapper = ImageFile if kind == streams.IMAGE else File
                with path.open("rb") as handle:
                    existing = model(
                        title=str(entry.get("title") or path.name)[:255],
                        collection=collection,
                        file=wrapper(handle, name=PurePosixPath(entry["file"]).name),
                    )
                    existing.file_hash = file_hash
                    existing.save()
                storage.remember(existing.file)
            mapping[kind][entry["id"]] = existing.pk
    Media = get_media_model()
    for entry in checked.content.get("videos", []):
        path, captions = members[entry["file"]], members[entry["captions"]]
        with path.open("rb") as handle, captions.open("rb") as captions_handle:
            media = Media(
                title=str(entry.get("title") or path.name)[:255],
                type="video",
                collection=collection,
                duration=float(entry.get("duration") or 0),
                file=File(handle, name=path.name),
                captions=File(captions_handle, name=captions.name),
                captions_language=(
                    entry.get("captions_language")
                    if entry.get("captions_language") in ("de", "en")
                    else "de"
                ),
            )
            media.save()
        storage.remember(media.file)
        storage.remember(media.captions)
        mapping[streams.VIDEO][entry["id"]] = media.pk
    return mapping


def store_processes(checked: CheckedPackage, user) -> None:
    import io
    import zipfile

    for package in checked.processes.values():
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as bundle:
            for name, data in package.items():
                bundle.writestr(name, data)
        sandbox_services.package_import(file=buffer.getvalue(), uploaded_by=user)


def remapped_body(
    body: list, mapping: dict[str, dict[int, int]], lesson_ids: dict[int, int]
) -> list:
    def reference(kind, value, where):
        return mapping[kind].get(value, value)

    def rich_text(html, where):
        def new_id(old: str) -> str | None:
            plain = old.isascii() and old.isdigit() and len(old) <= 18
            target = lesson_ids.get(int(old)) if plain else None
            return str(target) if target else None

        return richtext.rewrite_page_links(html, new_id)

    visitor = streams.Visitor(reference=reference, rich_text=rich_text)
    stream_block = LessonPage._meta.get_field("body").stream_block
    return streams.walk(stream_block, body, visitor, "")


def block_problems(lesson: LessonPage) -> list[str]:
    """The lesson's body checked as the editor checks it before publishing."""
    stream_block = LessonPage._meta.get_field("body").stream_block
    try:
        stream_block.clean(lesson.body)
    except StreamBlockValidationError as exc:
        messages = []
        for error in exc.as_json_data().get("blockErrors", {}).values():
            messages.extend(_flatten(error))
        for message in exc.as_json_data().get("messages", []):
            messages.append(message)
        return [
            _("Lektion „%(title)s“: %(problem)s")
            % {"title": lesson.title, "problem": message}
            for message in messages or [_("Der Inhalt ist ungültig.")]
        ]
    except ValidationError as exc:
        return [
            _("Lektion „%(title)s“: %(problem)s")
            % {"title": lesson.title, "problem": message}
            for message in exc.messages
        ]
    return []


def _flatten(error: Any) -> list[str]:
    if isinstance(error, dict):
        found = list(error.get("messages", []))
        for key in ("blockErrors",):
            nested = error.get(key, {})
            values = nested.values() if isinstance(nested, dict) else nested
            for value in values:
                if value:
                    found.extend(_flatten(value))
        return found
    if isinstance(error, list):
        return [m for item in error if item for m in _flatten(item)]
    return [str(error)]


def page_problems(page: Page, label: str) -> list[str]:
    # Before the page is in the tree it has no place yet; the tree gives it one.
    exclude = ["path", "depth", "numchild", "url_path"] if page.pk is None else None
    try:
        page.full_clean(exclude=exclude)
    except ValidationError as exc:
        return [
            _("%(label)s, %(field)s: %(problem)s")
            % {"label": label, "field": name, "problem": message}
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    return []


def submit_for_review(page: Page, user) -> None:
    """Start the review workflow on a draft, when the catalogue has one. Without a
    ``user`` (an operator's command) the review is requested by no person."""
    workflow = page.get_workflow()
    if workflow is not None and not page.workflow_in_progress:
        workflow.start(page, user)


def _course_fields(checked: CheckedPackage) -> dict:
    course = checked.content["course"]
    return {name: course[name] for name in COURSE_FIELDS if name in course}


def _create_course(
    checked: CheckedPackage, catalogue: CourseCatalogue, user, storage: Storage
) -> CoursePage:
    mapping = store_media(checked, storage)
    store_processes(checked, user)
    fields = _course_fields(checked)
    fields["slug"] = free_slug(catalogue, str(fields.get("slug") or "kurs")[:255])
    cover = checked.content["course"].get("cover_image")
    course = CoursePage(
        **fields,
        cover_image_id=mapping[streams.IMAGE].get(cover) if cover else None,
        live=False,
        owner=user,
    )
    problems = page_problems(course, _("Kurs"))
    if problems:
        raise PackageProblems(problems)
    catalogue.add_child(instance=course)
    course.save_revision(user=user, log_action=True)

    lesson_ids: dict[int, int] = {}
    lessons: list[tuple[dict, LessonPage]] = []
    for entry in checked.content["lessons"]:
        lesson = LessonPage(
            **{name: entry[name] for name in LESSON_FIELDS if name in entry},
            body=[],
            live=False,
            owner=user,
        )
        lesson.slug = free_slug(course, str(lesson.slug or "lektion")[:255])
        course.add_child(instance=lesson)
        lesson_ids[entry["id"]] = lesson.pk
        lessons.append((entry, lesson))

    problems = []
    origin = CourseOrigin.objects.create(
        course=course,
        installation=checked.origin["installation"],
        installation_name=str(checked.origin.get("name", ""))[:200],
        origin_course_id=checked.origin["course_id"],
        version=checked.version,
        digest=package_digest(checked),
        imported_at=timezone.now(),
        course_imported_digest=course_digest(course),
        course_origin_digest=course_entry_digest(checked.content["course"]),
    )
    for entry, lesson in lessons:
        lesson.body = remapped_body(entry.get("body") or [], mapping, lesson_ids)
        label = _("Lektion „%(title)s“") % {"title": lesson.title}
        found = page_problems(lesson, label) + block_problems(lesson)
        if found:
            problems.extend(found)
            continue
        lesson.save()
        lesson.save_revision(user=user, log_action=True)
        LessonOrigin.objects.create(
            course_origin=origin,
            lesson=lesson,
            origin_lesson_id=entry["id"],
            imported_digest=lesson_digest(lesson),
            origin_digest=entry_digest(entry),
        )
    if problems:
        raise PackageProblems(problems)
    submit_for_review(course, user)
    for _entry, lesson in lessons:
        submit_for_review(lesson, user)
    return course


def package_digest(checked: CheckedPackage) -> str:
    return hashlib.sha256(
        json.dumps(checked.manifest["members"], sort_keys=True).encode("utf-8")
    ).hexdigest()


def may_import(user, catalogue: CourseCatalogue) -> bool:
    """Operators, whoever may add courses there, and the Kursbörse's users."""
    return (
        user is None
        or user.has_perm(EXCHANGE_BROWSE_PERMISSION)
        or catalogue.permissions_for_user(user).can_add_subpage()
    )


def may_update(user, course: CoursePage) -> bool:
    """Operators, whoever may edit the course, and the Kursbörse's users."""
    return (
        user is None
        or user.has_perm(EXCHANGE_BROWSE_PERMISSION)
        or course.permissions_for_user(user).can_edit()
    )


def entry_digest(entry: dict) -> str:
    """A fingerprint of a lesson as the origin sent it (origin ids)."""
    data = {name: entry.get(name) for name in LESSON_FIELDS if name != "slug"}
    data["body"] = entry.get("body") or []
    return hashlib.sha256(
        json.dumps(data, sort_keys=True, default=str).encode("utf-8")
    ).hexdigest()


def course_create_from_package(
    *, checked: CheckedPackage, catalogue: CourseCatalogue, user
) -> ImportResult:
    """Store a checked package as a new course; all or nothing."""
    storage = Storage()
    try:
        with transaction.atomic():
            course = _create_course(checked, catalogue, user, storage)
    except PackageProblems as exc:
        storage.remove_all()
        raise ValidationError(exc.problems) from None
    except BaseException:
        storage.remove_all()
        raise
    return ImportResult(course=course, warnings=checked.warnings)
