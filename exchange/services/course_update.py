"""Updating an adopted course to a newer version from its origin.

An update is checked and stored first (`course_update_prepare`); a person then
compares the course page and each changed lesson with the local one and confirms
(`course_update_apply`). A page the receiving town edited since the import is
replaced only when that person ticks it; a lesson the origin removed stays.
Replaced pages get a new draft revision and go through the review again.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import LessonPage

from ..models import CourseOrigin, CourseUpdate, LessonOrigin
from ..packages import archive, streams
from ..packages.archive import PackageProblems
from ..packages.build import COURSE_FIELDS, LESSON_FIELDS
from ..packages.content import CheckedPackage, check_content
from .course_import import (
    ImportResult,
    Storage,
    block_problems,
    course_digest,
    course_entry_digest,
    entry_digest,
    free_slug,
    lesson_digest,
    may_update,
    package_digest,
    page_problems,
    remapped_body,
    store_media,
    store_processes,
    submit_for_review,
)

NEW = "new"
CHANGED = "changed"
UNCHANGED = "unchanged"
REMOVED = "removed"


@dataclass
class PageChange:
    """The course page or one lesson of an update: what the origin did, and
    whether it was edited here."""

    status: str
    title: str
    origin_page_id: int
    local: Any = None
    incoming: dict | None = None
    edited_here: bool = False
    is_course: bool = False

    @property
    def needs_choice(self) -> bool:
        return self.status == CHANGED and self.edited_here


@dataclass
class UpdatePlan:
    update: CourseUpdate
    changes: list[PageChange] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def course_update_prepare(
    *, origin: CourseOrigin, checked: CheckedPackage, source: Any, user
) -> ImportResult:
    """Keep a checked newer version as an update waiting for confirmation; an older
    update of the same course still waiting is discarded."""
    if checked.version <= origin.version:
        raise ValidationError(
            [
                _(
                    "Version %(new)s dieses Kurses ist nicht neuer als die übernommene "
                    "Version %(old)s."
                )
                % {"new": checked.version, "old": origin.version}
            ]
        )
    if not may_update(user, origin.course):
        raise PermissionDenied(_("Sie dürfen diesen Kurs nicht bearbeiten."))
    with transaction.atomic():
        CourseUpdate.objects.filter(
            course_origin=origin, status=CourseUpdate.Status.PENDING
        ).update(status=CourseUpdate.Status.DISCARDED, decided_at=timezone.now())
        update = CourseUpdate(course_origin=origin, version=checked.version)
        update.uploaded_by = user
        source.seek(0)
        update.package.save(
            f"kurs-{origin.course_id}-v{checked.version}.zip", File(source), save=False
        )
        update.save()
        origin.available_version = max(origin.available_version or 0, checked.version)
        origin.save(update_fields=["available_version"])
    return ImportResult(course=origin.course, warnings=checked.warnings, update=update)


def _course_change(origin: CourseOrigin, checked: CheckedPackage) -> PageChange:
    entry = checked.content["course"]
    course = origin.course
    changed = course_entry_digest(entry) != origin.course_origin_digest
    return PageChange(
        CHANGED if changed else UNCHANGED,
        str(entry.get("title") or course.title),
        origin.origin_course_id,
        local=course,
        incoming=entry,
        edited_here=course_digest(course) != origin.course_imported_digest,
        is_course=True,
    )


def _changes(update: CourseUpdate, checked: CheckedPackage) -> list[PageChange]:
    """The course page first, then the lessons in the origin's order, then the
    lessons the origin removed."""
    origin = update.course_origin
    known = {
        link.origin_lesson_id: link
        for link in LessonOrigin.objects.filter(course_origin=origin).select_related(
            "lesson"
        )
    }
    changes = [_course_change(origin, checked)]
    incoming_ids = set()
    for entry in checked.content["lessons"]:
        incoming_ids.add(entry["id"])
        link = known.get(entry["id"])
        if link is None:
            changes.append(PageChange(NEW, entry["title"], entry["id"], incoming=entry))
            continue
        status = CHANGED if entry_digest(entry) != link.origin_digest else UNCHANGED
        changes.append(
            PageChange(
                status,
                entry["title"],
                entry["id"],
                local=link.lesson,
                incoming=entry,
                edited_here=lesson_digest(link.lesson) != link.imported_digest,
            )
        )
    for origin_id, link in known.items():
        if origin_id not in incoming_ids:
            changes.append(
                PageChange(REMOVED, link.lesson.title, origin_id, local=link.lesson)
            )
    return changes


def _with_package(update: CourseUpdate, action):
    with tempfile.TemporaryDirectory(prefix="lotse-kurs-") as folder:
        with update.package.open("rb") as handle:
            try:
                checked = check_content(archive.unpack(handle, Path(folder)))
            except PackageProblems as exc:
                raise ValidationError(exc.problems) from None
            return action(checked)


def course_update_plan(update: CourseUpdate) -> UpdatePlan:
    """What the update would change, lesson by lesson (reads only)."""
    return _with_package(
        update,
        lambda checked: UpdatePlan(
            update=update,
            changes=_changes(update, checked),
            warnings=checked.warnings,
        ),
    )


def _lesson_fields(entry: dict) -> dict:
    return {name: entry[name] for name in LESSON_FIELDS if name in entry}


def _apply_course(
    change: PageChange, origin: CourseOrigin, mapping: dict, user
) -> list[str]:
    """The origin's course page fields as a new draft revision of the course."""
    entry = change.incoming or {}
    draft = origin.course.get_latest_revision_as_object()
    for name in COURSE_FIELDS:
        if name != "slug" and name in entry:
            setattr(draft, name, entry[name])
    cover = entry.get("cover_image")
    draft.cover_image_id = mapping[streams.IMAGE].get(cover) if cover else None
    found = page_problems(draft, _("Kurs"))
    if found:
        return found
    draft.save_revision(user=user, log_action=True)
    origin.course_imported_digest = course_digest(draft)
    origin.course_origin_digest = course_entry_digest(entry)
    return []


def _apply_lesson(
    change: PageChange,
    origin: CourseOrigin,
    mapping: dict,
    lesson_ids: dict[int, int],
    user,
) -> list[str]:
    """The origin's lesson as a new draft revision (a new lesson: a new page)."""
    entry = change.incoming or {}
    lesson = change.local.specific
    draft = lesson.get_latest_revision_as_object()
    for name, value in _lesson_fields(entry).items():
        if name != "slug":
            setattr(draft, name, value)
    draft.body = remapped_body(entry.get("body") or [], mapping, lesson_ids)
    label = _("Lektion „%(title)s“") % {"title": draft.title}
    found = page_problems(draft, label) + block_problems(draft)
    if found:
        return found
    if change.status == NEW:
        draft.save()
    draft.save_revision(user=user, log_action=True)
    LessonOrigin.objects.update_or_create(
        course_origin=origin,
        origin_lesson_id=change.origin_page_id,
        defaults={
            "lesson": lesson,
            # Of the new draft: the page object above still names the old revision.
            "imported_digest": lesson_digest(draft),
            "origin_digest": entry_digest(entry),
        },
    )
    return []


def _apply(
    update: CourseUpdate, checked: CheckedPackage, user, replace_edited: set[int]
) -> list[PageChange]:
    origin = update.course_origin
    course = origin.course
    changes = _changes(update, checked)
    storage = Storage()
    try:
        with transaction.atomic():
            mapping = store_media(checked, storage)
            store_processes(checked, user)
            links = {
                link.origin_lesson_id: link
                for link in LessonOrigin.objects.filter(course_origin=origin)
            }
            lesson_ids = {oid: link.lesson_id for oid, link in links.items()}
            for change in changes:
                if change.status == NEW:
                    entry = change.incoming or {}
                    lesson = LessonPage(**_lesson_fields(entry), body=[], live=False)
                    lesson.owner = user
                    lesson.slug = free_slug(course, str(lesson.slug or "lektion"))
                    course.add_child(instance=lesson)
                    change.local = lesson
                    lesson_ids[change.origin_page_id] = lesson.pk
            problems: list[str] = []
            applied = []
            for change in changes:
                if change.status not in (NEW, CHANGED) or change.local is None:
                    continue
                if change.needs_choice and change.local.pk not in replace_edited:
                    continue
                if change.is_course:
                    found = _apply_course(change, origin, mapping, user)
                else:
                    found = _apply_lesson(change, origin, mapping, lesson_ids, user)
                if found:
                    problems.extend(found)
                else:
                    applied.append(change)
            if problems:
                raise PackageProblems(problems)
            for change in applied:
                if change.local is not None:
                    submit_for_review(change.local.specific, user)
            origin.version = update.version
            origin.digest = package_digest(checked)
            origin.imported_at = timezone.now()
            origin.save(
                update_fields=[
                    "version",
                    "digest",
                    "imported_at",
                    "course_imported_digest",
                    "course_origin_digest",
                ]
            )
            update.status = CourseUpdate.Status.APPLIED
            update.decided_at = timezone.now()
            update.save(update_fields=["status", "decided_at"])
    except PackageProblems as exc:
        storage.remove_all()
        raise ValidationError(exc.problems) from None
    except BaseException:
        storage.remove_all()
        raise
    return applied


def course_update_apply(
    *, update: CourseUpdate, user=None, replace_edited: Iterable[int] = ()
) -> list[PageChange]:
    """Apply a waiting update: new lessons are added; the course page and lessons
    the origin changed get the new content as a draft revision for review. A page
    (course or lesson) edited here since the import is replaced only if its page id
    is in ``replace_edited``; otherwise it keeps the local text and stays marked as
    changed at the origin. Lessons the origin removed stay. Returns the pages
    changed. All or nothing."""
    if update.status != CourseUpdate.Status.PENDING:
        raise ValidationError(
            [_("Diese Aktualisierung wurde bereits übernommen oder verworfen.")]
        )
    course = update.course_origin.course
    if not may_update(user, course):
        raise PermissionDenied(_("Sie dürfen diesen Kurs nicht bearbeiten."))
    chosen = {int(pk) for pk in replace_edited}
    return _with_package(update, lambda checked: _apply(update, checked, user, chosen))


@transaction.atomic
def course_update_discard(*, update: CourseUpdate, user=None) -> CourseUpdate:
    """Drop a waiting update; the course stays as it is."""
    course = update.course_origin.course
    if not may_update(user, course):
        raise PermissionDenied(_("Sie dürfen diesen Kurs nicht bearbeiten."))
    update.status = CourseUpdate.Status.DISCARDED
    update.decided_at = timezone.now()
    update.save(update_fields=["status", "decided_at"])
    return update
