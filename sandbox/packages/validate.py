"""The validation pipeline: every check of a package, in order, before anything is
stored. Each check returns its findings; a stage that found something stops the
pipeline, after all checks of that stage have run, so that the trainer sees every
problem of a stage at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NoReturn

from .. import engine
from . import archive, bpmn, dmn, manifest, solve, xml_members
from .findings import Findings, PackageInvalid
from .labels import label_warnings


@dataclass
class ValidPackage:
    process_id: str
    title: str
    bpmn: str
    dmn: str
    sandbox_json: str
    manifest: dict
    definition: engine.Definition
    # what was kept from the modelling tool but is never evaluated (one per tool)
    notes: list[str]
    # Not problems, but worth fixing: fields without a German title.
    warnings: list[str] = field(default_factory=list)


class _Report:
    """Findings so far. Unexpected members are reported, but they do not stop the
    later checks: only the other findings do."""

    def __init__(self, notes: Findings):
        self.notes = notes
        self.problems: Findings = []

    def add(self, findings: Findings) -> None:
        self.problems += findings

    def stop(self) -> NoReturn:
        raise PackageInvalid([*self.notes, *self.problems])

    def stop_if_problems(self) -> None:
        if self.problems:
            self.stop()


def validate_members(members: dict[str, bytes]) -> ValidPackage:
    """Validate a package completely; raise ``PackageInvalid`` listing every problem."""
    report = _Report(archive.check_unexpected_members(members))
    report.add(archive.check_required_members(members))
    report.stop_if_problems()
    members = archive.allowed_members(members)
    texts, findings = archive.decode_members(members)
    report.add(findings)
    report.stop_if_problems()

    data, findings = manifest.load_manifest(members["sandbox.json"])
    report.add(findings)
    bpmn_root, dmn_root, findings = xml_members.parse_documents(members)
    report.add(findings)
    if data is None or bpmn_root is None:
        report.stop()
    process, findings = bpmn.find_process(bpmn_root, data.get("process_id"))
    report.add(findings)
    if process is None:
        report.stop()

    info, findings = bpmn.check_process(
        bpmn_root, process, data["lanes"], has_decisions=dmn_root is not None
    )
    report.add(findings)
    decision_outputs: dict[str, set[str]] = {}
    if dmn_root is not None:
        decision_outputs, findings = dmn.check_decisions(dmn_root)
        report.add(findings)
    report.add(
        dmn.check_decision_refs(info.decision_refs, decision_outputs, info.labels)
    )
    report.add(manifest.check_tasks(data["tasks"], info.user_tasks))
    report.add(manifest.check_cases(data["cases"], data["tasks"], info))
    report.add(manifest.check_reads(data, info, decision_outputs))
    report.stop_if_problems()

    try:
        definition = engine.build_definition(
            process_id=data["process_id"], bpmn_root=bpmn_root, dmn_root=dmn_root
        )
    except engine.EngineError as exc:
        report.add([str(exc)])
        report.stop()
    report.add(solve.solve_cases(definition, data))
    if report.notes:
        report.stop()
    report.stop_if_problems()

    return ValidPackage(
        process_id=data["process_id"],
        title=data["title"].strip(),
        bpmn=texts["process.bpmn"],
        dmn=texts.get("decisions.dmn", ""),
        sandbox_json=texts["sandbox.json"],
        manifest=data,
        definition=definition,
        notes=info.notes,
        warnings=label_warnings(data),
    )


def validate_package(source: Any) -> ValidPackage:
    """Read and validate a package from a zip (path, bytes, file object) or folder."""
    return validate_members(archive.read_members(source))
