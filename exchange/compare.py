"""Side by side: a local course page or lesson and the origin's new version of it
(field by field, a lesson's body block by block) as plain text, so a person sees
what an update would change."""

from __future__ import annotations

from itertools import zip_longest

from django.utils.html import strip_tags

from courses.models import CoursePage, LessonPage

from .packages.build import COURSE_FIELDS


def _texts(value) -> list[str]:
    if isinstance(value, str):
        text = strip_tags(value).strip()
        return [text] if text else []
    if isinstance(value, dict):
        return [
            t
            for key, item in value.items()
            if key not in ("id", "type") or not isinstance(item, str)
            for t in _texts(item)
        ]
    if isinstance(value, list):
        return [t for item in value for t in _texts(item)]
    return []


def body_lines(body) -> list[tuple[str, str]]:
    """(block label, its text) for each block of a stored lesson body."""
    stream_block = LessonPage._meta.get_field("body").stream_block
    lines = []
    for block in body or []:
        if not isinstance(block, dict):
            continue
        child = stream_block.child_blocks.get(block.get("type"))
        label = str(child.label) if child is not None else str(block.get("type"))
        lines.append((label, " · ".join(_texts(block.get("value")))))
    return lines


def change_rows(change) -> list[dict]:
    """Rows of (label, local text, incoming text, changed?) for a page change."""
    if change.is_course:
        return course_rows(change)
    return lesson_rows(change)


def course_rows(change) -> list[dict]:
    """The course page's own fields; the cover image by whether one is set."""
    latest = change.local.get_latest_revision_as_object()
    incoming = change.incoming or {}
    rows = []
    for name in COURSE_FIELDS:
        if name == "slug":
            continue
        mine = _plain(getattr(latest, name))
        theirs = _plain(incoming.get(name))
        rows.append(
            {
                "label": str(CoursePage._meta.get_field(name).verbose_name),
                "local": mine,
                "incoming": theirs,
                "changed": mine != theirs,
            }
        )
    return rows


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    return strip_tags(str(value)).strip()


def lesson_rows(change) -> list[dict]:
    """Rows of (label, local text, incoming text, changed?) for a lesson change."""
    local = []
    if change.local is not None:
        latest = change.local.get_latest_revision_as_object()
        local = [("Titel", latest.title), ("Worum es geht", latest.summary)]
        local += body_lines(list(latest.body.raw_data))
    incoming = []
    if change.incoming is not None:
        incoming = [
            ("Titel", change.incoming.get("title", "")),
            ("Worum es geht", change.incoming.get("summary", "")),
        ]
        incoming += body_lines(change.incoming.get("body"))
    rows = []
    for mine, theirs in zip_longest(local, incoming, fillvalue=("", "")):
        rows.append(
            {
                "label": mine[0] or theirs[0],
                "local": mine[1],
                "incoming": theirs[1],
                "changed": mine != theirs,
            }
        )
    return rows
