"""Checking the content of an unpacked course package before anything is stored.

Every problem is collected (not only the first) so the trainer sees the whole list.
Rich text outside the allow-list is not a problem but a warning: it is cleaned and
the trainer is told where.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.images.utils import get_allowed_image_extensions

from common.text import data_problem
from courses.models import LessonPage
from sandbox.packages.findings import PackageInvalid
from sandbox.packages.validate import validate_members

from . import richtext, streams
from .archive import CONTENT, PackageProblems, Unpacked
from .build import PROCESS_MEMBERS

MAX_TEXT = 1_000_000
MAX_ITEMS = 10_000


@dataclass
class CheckedPackage:
    """A package that may be imported: its content with rich text cleaned."""

    unpacked: Unpacked
    content: dict
    warnings: list[str] = field(default_factory=list)
    processes: dict[str, dict[str, bytes]] = field(default_factory=dict)

    @property
    def manifest(self) -> dict:
        return self.unpacked.manifest

    @property
    def origin(self) -> dict:
        return self.manifest["origin"]

    @property
    def version(self) -> int:
        return self.manifest["version"]


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _extension(name: str) -> str:
    return PurePosixPath(name).suffix.lower().lstrip(".")


def _check_structure(content: Any) -> list[str]:
    if not isinstance(content, dict):
        return [_("course.json muss ein JSON-Objekt sein.")]
    problems = []
    if not isinstance(content.get("course"), dict):
        problems.append(_("course.json enthält keinen Kurs."))
    for key in ("lessons", "images", "documents", "videos", "processes"):
        value = content.get(key, [])
        if not isinstance(value, list) or not all(isinstance(i, dict) for i in value):
            problems.append(
                _("course.json: „%(key)s“ muss eine Liste von Objekten sein.")
                % {"key": key}
            )
    if problems:
        return problems
    for lesson in content["lessons"]:
        if not _is_id(lesson.get("id")) or not isinstance(lesson.get("title"), str):
            problems.append(
                _("course.json: Eine Lektion hat keine gültige ID oder keinen Titel.")
            )
    for key in ("images", "documents", "videos"):
        for item in content.get(key, []):
            if not _is_id(item.get("id")) or not isinstance(item.get("file"), str):
                problems.append(
                    _(
                        "course.json: Ein Eintrag in „%(key)s“ hat keine gültige ID oder Datei."
                    )
                    % {"key": key}
                )
    return problems


def _check_files(checked: CheckedPackage, problems: list[str]) -> None:
    members = checked.unpacked.members
    content = checked.content
    image_extensions = set(get_allowed_image_extensions())
    for image in content.get("images", []):
        name = image["file"]
        if name not in members:
            problems.append(
                _("Das Bild „%(name)s“ fehlt im Paket.") % {"name": name[:200]}
            )
            continue
        if _extension(name) not in image_extensions:
            problems.append(
                _("„%(name)s“ hat keine erlaubte Bild-Dateiendung.")
                % {"name": name[:200]}
            )
            continue
        if _extension(name) == "svg":
            continue
        try:
            with PILImage.open(members[name]) as picture:
                picture.verify()
        except Exception:  # Pillow raises many kinds for a broken or hostile file
            problems.append(
                _("„%(name)s“ ist kein lesbares Bild.") % {"name": name[:200]}
            )
    document_extensions = set(settings.WAGTAILDOCS_EXTENSIONS)
    for document in content.get("documents", []):
        name = document["file"]
        if name not in members:
            problems.append(
                _("Das Dokument „%(name)s“ fehlt im Paket.") % {"name": name[:200]}
            )
        elif _extension(name) not in document_extensions:
            problems.append(
                _("„%(name)s“ hat keine erlaubte Dokument-Dateiendung.")
                % {"name": name[:200]}
            )
    video_extensions = set(settings.WAGTAILMEDIA.get("VIDEO_EXTENSIONS", []))
    for video in content.get("videos", []):
        name = video["file"]
        if name not in members:
            problems.append(
                _("Das Video „%(name)s“ fehlt im Paket.") % {"name": name[:200]}
            )
        elif _extension(name) not in video_extensions:
            problems.append(
                _("„%(name)s“ hat keine erlaubte Video-Dateiendung.")
                % {"name": name[:200]}
            )
        captions = video.get("captions")
        if not isinstance(captions, str) or captions not in members:
            problems.append(
                _("Zum Video „%(name)s“ fehlen die Untertitel (WebVTT).")
                % {"name": name[:200]}
            )
        elif (
            not members[captions]
            .read_bytes()[:16]
            .lstrip(b"\xef\xbb\xbf")
            .startswith(b"WEBVTT")
        ):
            problems.append(
                _("„%(name)s“ ist keine WebVTT-Untertiteldatei.")
                % {"name": captions[:200]}
            )


def _check_processes(checked: CheckedPackage, problems: list[str]) -> None:
    members = checked.unpacked.members
    for process in checked.content.get("processes", []):
        process_id = str(process.get("process_id", ""))[:100]
        files = process.get("files")
        if not process_id or not isinstance(files, dict):
            problems.append(_("course.json: Ein Übungsraum hat keine gültige Angabe."))
            continue
        package: dict[str, bytes] = {}
        for member, name in files.items():
            if member not in PROCESS_MEMBERS or not isinstance(name, str):
                problems.append(
                    _("Übungsraum „%(process)s“: unerwartete Datei „%(name)s“.")
                    % {"process": process_id, "name": str(member)[:100]}
                )
            elif name not in members:
                problems.append(
                    _("Übungsraum „%(process)s“: „%(name)s“ fehlt im Paket.")
                    % {"process": process_id, "name": name[:200]}
                )
            else:
                package[member] = members[name].read_bytes()
        try:
            valid = validate_members(package)
        except PackageInvalid as exc:
            problems.extend(
                _("Übungsraum „%(process)s“: %(problem)s")
                % {"process": process_id, "problem": problem}
                for problem in exc.errors
            )
            continue
        if valid.process_id != process_id:
            problems.append(
                _("Übungsraum „%(process)s“: Das Paket beschreibt „%(other)s“.")
                % {"process": process_id, "other": valid.process_id}
            )
            continue
        checked.processes[process_id] = package


def _check_lessons(checked: CheckedPackage, problems: list[str]) -> None:
    content = checked.content
    known = {
        streams.IMAGE: {item["id"] for item in content.get("images", [])},
        streams.DOCUMENT: {item["id"] for item in content.get("documents", [])},
        streams.VIDEO: {item["id"] for item in content.get("videos", [])},
    }
    labels = {
        streams.IMAGE: _("Bild"),
        streams.DOCUMENT: _("Dokument"),
        streams.VIDEO: _("Video"),
    }

    def reference(kind, value, where):
        if value not in known[kind]:
            problems.append(
                _("%(where)s: verweist auf %(kind)s %(id)s, das nicht im Paket ist.")
                % {"where": where, "kind": labels[kind], "id": str(value)[:20]}
            )
        return value

    def rich_text(html, where):
        clean, changed = richtext.sanitised(html)
        if changed:
            checked.warnings.append(
                _(
                    "%(where)s: Der Text enthielt Auszeichnungen, die Lotse nicht "
                    "erlaubt; sie wurden entfernt."
                )
                % {"where": where}
            )
        return clean

    visitor = streams.Visitor(reference=reference, rich_text=rich_text)
    stream_block = LessonPage._meta.get_field("body").stream_block
    course = content["course"]
    course_title = str(course.get("title", ""))[:100]
    if (
        course.get("cover_image") not in (None, "")
        and course["cover_image"] not in known[streams.IMAGE]
    ):
        problems.append(_("Das Titelbild des Kurses fehlt im Paket."))
    if isinstance(course.get("goals"), str):
        course["goals"] = rich_text(
            course["goals"], _("Kurs „%(title)s“, Lernziele") % {"title": course_title}
        )
    for lesson in content["lessons"]:
        where = _("Lektion „%(title)s“") % {"title": lesson["title"][:100]}
        lesson["body"] = streams.walk(stream_block, lesson.get("body"), visitor, where)
    problems.extend(visitor.problems)


def check_content(unpacked: Unpacked) -> CheckedPackage:
    """Read and check course.json and every file it names. Raises
    ``PackageProblems`` with the whole list of problems."""
    try:
        content = unpacked.read_json(CONTENT)
    except (UnicodeDecodeError, ValueError):
        raise PackageProblems([_("course.json ist kein gültiges JSON.")]) from None
    problems = _check_structure(content)
    if problems:
        raise PackageProblems(problems)
    found = data_problem(content, max_text_length=MAX_TEXT, max_items=MAX_ITEMS)
    if found:
        raise PackageProblems([_("course.json: %(problem)s") % {"problem": found[1]}])
    checked = CheckedPackage(unpacked=unpacked, content=content)
    _check_files(checked, problems)
    _check_processes(checked, problems)
    _check_lessons(checked, problems)
    if problems:
        raise PackageProblems(problems)
    return checked
