"""A package version's content and parsed definition, read once per process,
and which version of a process is live.

A package row's content (BPMN, DMN, sandbox.json) never changes: a new version is
a new row. So a run's every step need not read or parse it again.
"""

from __future__ import annotations

import copy

from sandbox import engine
from sandbox.models import ProcessPackage

# Package contents read by this process, by id.
_package_contents: dict[int, ProcessPackage] = {}
PACKAGE_CONTENTS_KEPT = 64
PACKAGE_CONTENT_FIELDS = ("process_id", "version", "title", "sandbox_json", "digest")


def package_content(package_id: int) -> ProcessPackage:
    """A package version's content (process, version, title, sandbox.json, digest),
    read once per process: a package row's content never changes, a new version is
    a new row. Its review status does change and is not part of it (reading it
    asks the database). Each caller gets a copy of its own."""
    package = _package_contents.get(package_id)
    if package is None:
        package = ProcessPackage.objects.only(*PACKAGE_CONTENT_FIELDS).get(
            pk=package_id
        )
        if len(_package_contents) >= PACKAGE_CONTENTS_KEPT:
            _package_contents.clear()
        _package_contents[package_id] = package
    return copy.copy(package)


def definition_of(package: ProcessPackage) -> engine.Definition:
    """The parsed definition of a package version, cached per process (a package
    row never changes, so its primary key and digest identify the content)."""

    def load():
        bpmn, dmn = ProcessPackage.objects.values_list("bpmn", "dmn").get(pk=package.pk)
        return package.process_id, bpmn, dmn

    return engine.definition_cached(f"package:{package.pk}:{package.digest}", load)


def process_get(process_id: str) -> ProcessPackage | None:
    """The live version of a process, or ``None`` (also while its first version
    waits for review). Only which version is live is asked; its content comes
    from `package_content` (read once per process, the BPMN only when drawn)."""
    package_id = (
        ProcessPackage.objects.filter(
            process_id=process_id, status=ProcessPackage.Status.LIVE
        )
        .values_list("pk", flat=True)
        .first()
    )
    if package_id is None:
        return None
    package = package_content(package_id)
    package.status = ProcessPackage.Status.LIVE  # as just asked
    return package
