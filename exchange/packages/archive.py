"""Reading a course package zip: every member checked before it is trusted.

Members are unpacked only into a temporary folder that the caller owns and
removes; a member is read with a hard byte limit, so a zip whose directory lies
about sizes (a zip bomb) stops at the limit.
"""

from __future__ import annotations

import hashlib
import json
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

FORMAT = "lotse-course/1"
MANIFEST = "manifest.json"
CONTENT = "course.json"
CHUNK = 1024 * 1024


class PackageProblems(Exception):
    """The package cannot be used; ``problems`` lists every reason, in German."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = list(problems)


@dataclass
class Unpacked:
    """A package whose manifest and checksums are in order, unpacked in ``folder``."""

    folder: Path
    manifest: dict
    members: dict[str, Path] = field(default_factory=dict)

    def read_json(self, name: str) -> Any:
        return json.loads(self.members[name].read_text("utf-8"))

    def read_bytes(self, name: str) -> bytes:
        return self.members[name].read_bytes()


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def unsafe_name(name: str) -> bool:
    if not name or name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return True
    if "\\" in name or "\x00" in name:
        return True
    return any(part in ("..", ".") for part in PurePosixPath(name).parts)


def _is_link(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _check_directory(infos: list[zipfile.ZipInfo]) -> list[str]:
    problems = []
    max_members = settings.LOTSE_COURSE_PACKAGE_MAX_MEMBERS
    max_size = settings.LOTSE_COURSE_PACKAGE_MAX_SIZE
    if len(infos) > max_members:
        problems.append(
            _("Das Paket enthält %(count)d Einträge; erlaubt sind höchstens %(max)d.")
            % {"count": len(infos), "max": max_members}
        )
    seen: set[str] = set()
    for info in infos[: max_members + 1]:
        name = info.filename
        if unsafe_name(name):
            problems.append(
                _(
                    "Der Eintrag „%(name)s“ hat einen unzulässigen Pfad (absolut "
                    "oder mit „..“)."
                )
                % {"name": name[:200]}
            )
        if _is_link(info):
            problems.append(
                _("Der Eintrag „%(name)s“ ist ein Link; Links sind nicht erlaubt.")
                % {"name": name[:200]}
            )
        if name in seen:
            problems.append(
                _("Der Eintrag „%(name)s“ kommt mehrfach vor.") % {"name": name[:200]}
            )
        seen.add(name)
    total = sum(max(info.file_size, 0) for info in infos)
    if total > max_size:
        problems.append(too_large(max_size))
    return problems


def too_large(max_size: int) -> str:
    return _(
        "Das Paket ist entpackt größer als %(size)s MB; erlaubt sind höchstens "
        "%(size)s MB."
    ) % {"size": _megabytes(max_size)}


def _load_manifest(data: bytes) -> tuple[dict | None, list[str]]:
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None, [_("manifest.json ist kein gültiges JSON.")]
    if not isinstance(manifest, dict):
        return None, [_("manifest.json muss ein JSON-Objekt sein.")]
    problems = []
    fmt = manifest.get("format")
    if fmt != FORMAT:
        problems.append(
            _("Unbekanntes Paketformat „%(format)s“; Lotse liest „%(expected)s“.")
            % {"format": str(fmt)[:50], "expected": FORMAT}
        )
    origin = manifest.get("origin")
    if (
        not isinstance(origin, dict)
        or not isinstance(origin.get("installation"), str)
        or not origin.get("installation")
        or len(origin["installation"]) > 100
        or not isinstance(origin.get("course_id"), int)
        or origin["course_id"] < 1
    ):
        problems.append(
            _("manifest.json nennt keine gültige Herkunft (Installation und Kurs-ID).")
        )
    version = manifest.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        problems.append(_("manifest.json nennt keine gültige Version."))
    members = manifest.get("members")
    if not isinstance(members, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in members.items()
    ):
        problems.append(_("manifest.json enthält keine gültige Liste der Prüfsummen."))
    if problems:
        return None, problems
    return manifest, []


def unpack(source: Any, folder: Path) -> Unpacked:
    """Check ``source`` (a path, bytes or a file object) and unpack it into
    ``folder``. Raises ``PackageProblems`` listing every problem found."""
    try:
        if isinstance(source, (bytes, bytearray)):
            import io

            source = io.BytesIO(bytes(source))
        archive = zipfile.ZipFile(source)
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise PackageProblems(
            [_("Die Datei ist kein ZIP-Archiv oder sie ist beschädigt.")]
        ) from None
    problems = _check_directory(infos)
    if problems:
        raise PackageProblems(problems)
    files = {info.filename: info for info in infos if not info.is_dir()}
    if MANIFEST not in files:
        raise PackageProblems([_("Das Paket enthält keine manifest.json.")])
    budget = [settings.LOTSE_COURSE_PACKAGE_MAX_SIZE]

    def extract(info: zipfile.ZipInfo, target: Path | None) -> tuple[str, bytes]:
        digest = hashlib.sha256()
        kept = bytearray()
        handle_out = target.open("xb") if target is not None else None
        try:
            with archive.open(info) as handle:
                while chunk := handle.read(CHUNK):
                    budget[0] -= len(chunk)
                    if budget[0] < 0:
                        raise PackageProblems(
                            [too_large(settings.LOTSE_COURSE_PACKAGE_MAX_SIZE)]
                        )
                    digest.update(chunk)
                    if handle_out is not None:
                        handle_out.write(chunk)
                    else:
                        kept.extend(chunk)
        except (
            zipfile.BadZipFile,
            zlib.error,
            OSError,
            ValueError,
            EOFError,
            RuntimeError,
        ):
            raise PackageProblems(
                [_("Der Eintrag „%(name)s“ ist beschädigt.") % {"name": info.filename}]
            ) from None
        finally:
            if handle_out is not None:
                handle_out.close()
        return digest.hexdigest(), bytes(kept)

    _digest, manifest_data = extract(files[MANIFEST], None)
    manifest, problems = _load_manifest(manifest_data)
    if manifest is None:
        raise PackageProblems(problems)
    listed: dict[str, str] = manifest["members"]
    unpacked = Unpacked(folder=folder, manifest=manifest)
    for name, info in files.items():
        if name == MANIFEST:
            continue
        if name not in listed:
            problems.append(
                _("Der Eintrag „%(name)s“ steht nicht in der Prüfsummenliste.")
                % {"name": name[:200]}
            )
            continue
        target = folder / "members" / name
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            digest, _content = extract(info, target)
        except OSError:
            problems.append(
                _("Der Eintrag „%(name)s“ lässt sich nicht entpacken.")
                % {"name": name[:200]}
            )
            continue
        if digest != listed[name]:
            problems.append(
                _("Die Prüfsumme von „%(name)s“ stimmt nicht.") % {"name": name[:200]}
            )
        unpacked.members[name] = target
    for name in sorted(set(listed) - set(files)):
        problems.append(
            _("„%(name)s“ steht in der Prüfsummenliste, fehlt aber im Paket.")
            % {"name": name[:200]}
        )
    if CONTENT not in files:
        problems.append(_("Das Paket enthält keine course.json."))
    if problems:
        raise PackageProblems(problems)
    return unpacked
