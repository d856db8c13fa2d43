"""Reading a package from a zip or a folder, within its limits.

Zip members are checked (count, size, paths, links) before any of them is read, and
they are only ever read into memory: nothing is written to disk.
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from django.utils.translation import gettext as _

from common.text import text_problem

from .findings import Findings, PackageInvalid

MAX_MEMBERS = 8
MAX_TOTAL_SIZE = 5 * 1024 * 1024
MAX_FILE_SIZE = MAX_TOTAL_SIZE * 2
REQUIRED_MEMBERS = ("process.bpmn", "sandbox.json")
OPTIONAL_MEMBERS = ("decisions.dmn",)
ALLOWED_MEMBERS = REQUIRED_MEMBERS + OPTIONAL_MEMBERS


def _too_large() -> str:
    return _(
        "Das Archiv ist entpackt größer als 5 MB; so große Pakete sind nicht erlaubt."
    )


def _file_too_large() -> str:
    return _("Die Datei ist größer als 10 MB.")


def _is_link(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return stat.S_ISLNK(mode)


def _unsafe_name(name: str) -> bool:
    if not name or name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return True
    parts = re.split(r"[\\/]", name)
    return any(part == ".." for part in parts)


def check_zip_directory(infos: list[zipfile.ZipInfo]) -> Findings:
    """Count, paths, links and unpacked size, as the zip's directory states them."""
    findings: Findings = []
    if len(infos) > MAX_MEMBERS:
        findings.append(
            _("Das Archiv enthält %(count)s Einträge; erlaubt sind höchstens %(max)s.")
            % {"count": len(infos), "max": MAX_MEMBERS}
        )
    total = 0
    for info in infos:
        if _unsafe_name(info.filename):
            findings.append(
                _(
                    "Der Eintrag „%(name)s“ hat einen unzulässigen Pfad (absolut "
                    "oder mit „..“)."
                )
                % {"name": info.filename}
            )
        if _is_link(info):
            findings.append(
                _("Der Eintrag „%(name)s“ ist ein Link; Links sind nicht erlaubt.")
                % {"name": info.filename}
            )
        total += max(info.file_size, 0)
    if total > MAX_TOTAL_SIZE:
        findings.append(_too_large())
    return findings


def read_zip(data: bytes) -> dict[str, bytes]:
    """Check the zip's directory, then read its members into memory."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise PackageInvalid(
            [_("Die Datei ist kein ZIP-Archiv oder sie ist beschädigt.")]
        ) from None
    infos = archive.infolist()
    findings = check_zip_directory(infos)
    if findings:
        raise PackageInvalid(findings)

    files = [info for info in infos if not info.is_dir()]
    prefix = _common_folder([info.filename for info in files])
    members: dict[str, bytes] = {}
    remaining = MAX_TOTAL_SIZE
    for info in files:
        try:
            with archive.open(info) as handle:
                content = handle.read(remaining + 1)
        except (
            zipfile.BadZipFile,
            zlib.error,
            OSError,
            ValueError,
            EOFError,
            RuntimeError,
        ):
            raise PackageInvalid(
                [_("Der Eintrag „%(name)s“ ist beschädigt.") % {"name": info.filename}]
            ) from None
        remaining -= len(content)
        if remaining < 0:
            # The directory lied about the sizes (a zip bomb): stop reading.
            raise PackageInvalid([_too_large()])
        members[info.filename[len(prefix) :]] = content
    return members


def _common_folder(names: list[str]) -> str:
    """``"pkg/"`` when every file lies in one top folder, else ``""``."""
    tops = {name.split("/", 1)[0] for name in names if "/" in name}
    if len(tops) == 1 and all("/" in name for name in names):
        return tops.pop() + "/"
    return ""


def read_folder(path: Path) -> dict[str, bytes]:
    """Read a package from a folder (for the management command and the demo)."""
    findings: Findings = []
    entries = sorted(p for p in path.iterdir() if not p.name.startswith("."))
    if len(entries) > MAX_MEMBERS:
        findings.append(
            _("Der Ordner enthält %(count)s Einträge; erlaubt sind höchstens %(max)s.")
            % {"count": len(entries), "max": MAX_MEMBERS}
        )
    members: dict[str, bytes] = {}
    total = 0
    for entry in entries:
        if entry.is_symlink():
            findings.append(
                _("„%(name)s“ ist ein Link; Links sind nicht erlaubt.")
                % {"name": entry.name}
            )
            continue
        if entry.is_dir():
            findings.append(
                _("Unerwarteter Unterordner „%(name)s“ im Paket.")
                % {"name": entry.name}
            )
            continue
        total += entry.stat().st_size
        if total > MAX_TOTAL_SIZE:
            findings.append(_("Das Paket ist größer als 5 MB."))
            break
        members[entry.name] = entry.read_bytes()
    if findings:
        raise PackageInvalid(findings)
    return members


def read_members(source: Any) -> dict[str, bytes]:
    """Members of a package given as a folder path, zip path, bytes or file object."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        if path.is_dir():
            return read_folder(path)
        if not path.is_file():
            raise PackageInvalid(
                [_("Die Datei „%(path)s“ gibt es nicht.") % {"path": path}]
            )
        if path.stat().st_size > MAX_FILE_SIZE:
            raise PackageInvalid([_file_too_large()])
        return read_zip(path.read_bytes())
    if isinstance(source, (bytes, bytearray)):
        return read_zip(bytes(source))
    handle: BinaryIO = source
    if hasattr(handle, "seek"):
        handle.seek(0)
    data = handle.read(MAX_FILE_SIZE + 1)
    if len(data) > MAX_FILE_SIZE:
        raise PackageInvalid([_file_too_large()])
    return read_zip(data)


def check_unexpected_members(members: dict[str, bytes]) -> Findings:
    return [
        _(
            "Unerwartete Datei „%(name)s“ im Paket (erlaubt: process.bpmn, "
            "decisions.dmn, sandbox.json)."
        )
        % {"name": name}
        for name in members
        if name not in ALLOWED_MEMBERS
    ]


def check_required_members(members: dict[str, bytes]) -> Findings:
    return [
        _("Die Datei „%(name)s“ fehlt im Paket.") % {"name": name}
        for name in REQUIRED_MEMBERS
        if name not in members
    ]


def allowed_members(members: dict[str, bytes]) -> dict[str, bytes]:
    return {
        name: content for name, content in members.items() if name in ALLOWED_MEMBERS
    }


def decode_members(members: dict[str, bytes]) -> tuple[dict[str, str], Findings]:
    """The members as text; every member must be UTF-8."""
    texts: dict[str, str] = {}
    findings: Findings = []
    for name, content in members.items():
        try:
            texts[name] = content.decode("utf-8")
        except UnicodeDecodeError:
            findings.append(_("%(name)s ist nicht UTF-8-kodiert.") % {"name": name})
            continue
        problem = text_problem(texts[name])
        if problem:
            findings.append(
                _("%(name)s: %(problem)s") % {"name": name, "problem": problem}
            )
    return texts, findings


def zip_folder(path: Path) -> bytes:
    """A zip of a package folder (for tests and the demo)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in sorted(Path(path).iterdir()):
            if entry.is_file() and not entry.name.startswith("."):
                archive.write(entry, PurePosixPath(entry.name).name)
    return buffer.getvalue()
