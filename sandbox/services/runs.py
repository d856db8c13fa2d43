"""The life of a run: start, submit a step, take a hint, reset, repeat a step."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import engine, scoring, simulation
from ..forms_schema import form_errors
from ..models import SandboxRun
from ..selectors import (
    definition_of,
    package_content,
    package_playable_by,
    process_get,
)
from ..signals import run_finished

MAX_AUTO_STEPS = 100


def _case(run: SandboxRun) -> dict:
    case = run.package.case(run.case_id)
    if case is None:  # packages never change after import
        raise ValidationError(_("Den Fall dieses Durchlaufs gibt es nicht mehr."))
    return case


def _values_of_step(
    kind: str, definition: engine.Definition, element_id: str, case: dict
) -> tuple[dict, dict]:
    """What the colleague in another lane enters (the case's right answer):
    (the values for the engine, the data the step records)."""
    if kind == "choice":
        flow = (case.get("choices") or {}).get(definition.step_element(element_id))
        flows = [o["flow"] for o in simulation.choice_options(definition, element_id)]
        if flow not in flows and flows:  # off the case's path: the first way
            flow = flows[0]
        return simulation.choice_values(flow or ""), {"flow": flow}
    if kind == "confirm":
        return {}, {}
    values = case.get("expected", {}).get(element_id, {})
    return values, values


def _auto_complete(run: SandboxRun, workflow, definition: engine.Definition) -> None:
    """Complete the steps no person plays (simulated from the case) and the
    ready tasks of lanes the trainee does not play with the case's expected
    values and choices, as the colleague in that department would."""
    lanes = run.played_lanes
    case = _case(run)
    manifest = run.package.manifest
    for _step in range(MAX_AUTO_STEPS):
        automatic = simulation.run_automatic(workflow, definition, case)
        run.steps = [*run.steps, *automatic]
        pending = [
            task
            for task in engine.ready_tasks(workflow)
            if task.task_spec.lane not in lanes
        ]
        if not pending:
            return
        task = pending[0]
        element_id = task.task_spec.bpmn_id
        kind = simulation.step_kind(definition, manifest, element_id)
        values, data = _values_of_step(kind, definition, element_id, case)
        engine.task_complete(workflow, task, values)
        run.steps = [*run.steps, _step_record(definition, task, data, kind, auto=True)]


def _step_record(
    definition: engine.Definition, task, data: dict, kind: str, *, auto: bool
) -> dict:
    """A completed step as the run keeps it (``SandboxRun.steps``)."""
    return {
        "element": definition.step_element(task.task_spec.bpmn_id),
        "task_id": str(task.id),
        "lane": task.task_spec.lane,
        "data": data,
        "auto": auto,
        "kind": kind,
    }


def _finish_if_done(run: SandboxRun, workflow, definition: engine.Definition) -> None:
    if not engine.is_finished(workflow):
        return
    case = _case(run)
    end = engine.end_event_reached(workflow)
    played = {
        element_id
        for element_id, element in definition.elements.items()
        if definition.role(element_id) in ("form", "confirm", "choice")
        and (definition.lane_of_step(element_id) in run.played_lanes)
    }
    result = scoring.score_run(
        manifest=run.package.manifest,
        case=case,
        element_names={k: definition.element_name(k) for k in definition.elements},
        options=definition.options,
        played=played,
        steps=run.steps,
        hints=run.hints,
        end_event=end,
        hints_cost_points=run.hints_cost_points,
    )
    run.status = SandboxRun.Status.FINISHED
    run.finished_at = timezone.now()
    run.end_event = end or ""
    run.score = result.score
    run.passed = result.passed
    run.findings = result.findings
    if run.preview:  # a trainer trying a draft: no learner result
        return
    payload = {
        "run_id": str(run.pk),
        "user_id": run.user_id,
        "process_id": run.process_id,
        "version": run.version,
        "case_id": run.case_id,
        "mode": run.mode,
        "passed": result.passed,
        "score": result.score,
    }
    transaction.on_commit(lambda: run_finished.send(sender=SandboxRun, **payload))


def _save_state(run: SandboxRun, workflow) -> None:
    """Write a started run; while it stays active, only what a step changes."""
    run.state = engine.state_dump(workflow)
    run.save(update_fields=SandboxRun.PROGRESS_FIELDS if run.is_active else None)


def _locked(run: SandboxRun) -> SandboxRun:
    # The run's row only: the package's content never changes (read once per
    # process), and locking its row would make every run of the version wait.
    locked = SandboxRun.objects.select_for_update().get(pk=run.pk)
    locked.package = package_content(locked.package_id)
    return locked


def _engine_error(exc: engine.EngineError) -> ValidationError:
    return ValidationError({"__all__": [str(exc)]})


def _finished() -> ValidationError:
    return ValidationError(
        {"__all__": [_("Dieser Durchlauf ist bereits abgeschlossen.")]}
    )


def _not_ready() -> str:
    return _("Dieser Schritt ist gerade nicht an der Reihe.")


@transaction.atomic
def run_start(
    *,
    user,
    process_id: str,
    case_id: str,
    mode: str,
    lanes: list[str] | None = None,
    version: int | None = None,
) -> SandboxRun:
    """Start a run for one person of the live version of a process, or of
    ``version`` if this person may play it (``selectors.package_playable_by``).

    A run of a version that is not live is a preview: it never counts as a learner
    result. Either way the run keeps its version when another one goes live.
    """
    if version is None:
        package = process_get(process_id)
    else:
        package = package_playable_by(process_id=process_id, version=version, user=user)
    if package is None:
        raise ValidationError({"process": [_("Diesen Übungsprozess gibt es nicht.")]})
    errors: dict[str, list[str]] = {}
    case = package.case(case_id)
    if case is None:
        errors["case"] = [_("Diesen Fall gibt es in diesem Prozess nicht.")]
    if mode not in SandboxRun.Mode.values:
        errors["mode"] = [_("Bitte wählen Sie geführt, üben oder Prüfung.")]
    lanes = [lane for lane in (lanes or []) if lane]
    unknown = [lane for lane in lanes if lane not in package.lanes]
    if unknown:
        errors["lanes"] = [
            _("Die Bahn „%(lane)s“ gibt es in diesem Prozess nicht.") % {"lane": lane}
            for lane in unknown
        ]
    if errors:
        raise ValidationError(errors)
    assert case is not None  # a missing case is among the errors raised above
    if set(lanes) == set(package.lanes):
        lanes = []
    run = SandboxRun(
        user=user,
        package=package,
        process_id=package.process_id,
        version=package.version,
        case_id=case_id,
        mode=mode,
        lanes=lanes,
        preview=not package.is_live,
    )
    definition = definition_of(package)
    try:
        workflow = engine.workflow_start(definition, case.get("data", {}))
        _auto_complete(run, workflow, definition)
    except engine.EngineError as exc:
        raise _engine_error(exc) from None
    _finish_if_done(run, workflow, definition)
    # Every value was checked above (case and lanes against the package, whose
    # ids were checked at upload); the database checks the mode and score again.
    run.state = engine.state_dump(workflow)
    run.save()
    return run


def _submitted_values(
    kind: str, definition: engine.Definition, run: SandboxRun, element_id: str, data
) -> tuple[dict, dict]:
    """Check what a person submitted for a step of this kind: (the values for the
    engine, the data the step records). Invalid data raises ``ValidationError``."""
    if kind == "choice":
        flows = [o["flow"] for o in simulation.choice_options(definition, element_id)]
        flow = data.get("flow")
        if flow not in flows:
            raise ValidationError(
                {"flow": [_("Bitte wählen Sie einen der angebotenen Wege.")]}
            )
        return simulation.choice_values(flow), {"flow": flow}
    if kind == "confirm":
        return {}, {}
    task_config = run.package.manifest["tasks"].get(element_id, {})
    problems = form_errors(task_config.get("form", {}), data)
    if problems:
        raise ValidationError({k: [v] for k, v in problems.items()})
    return data, data


@dataclass(frozen=True)
class ReadyTask:
    """A ready task of the trainee's lanes, with the run's state parsed once: what
    a submission is checked against and what completing it advances."""

    run: SandboxRun
    definition: engine.Definition
    workflow: Any
    task: Any
    kind: str
    form: dict  # the task's form (JSON Schema) if ``kind`` is "form", else {}


def _ready_task(run: SandboxRun, task_id: str) -> ReadyTask | None:
    definition = definition_of(run.package)
    workflow = engine.state_load(definition, run.state)
    task = engine.find_ready_task(workflow, task_id)
    if task is None or task.task_spec.lane not in run.played_lanes:
        return None
    element_id = task.task_spec.bpmn_id
    kind = simulation.step_kind(definition, run.package.manifest, element_id)
    config = run.package.manifest["tasks"].get(definition.step_element(element_id))
    form = (config or {}).get("form", {}) if kind == "form" else {}
    return ReadyTask(run, definition, workflow, task, kind, form)


def run_ready_task(*, run: SandboxRun, task_id: str) -> ReadyTask | None:
    """The ready task ``task_id`` as the run page offers it (a step of the
    trainee's lanes that a person plays), or ``None``.

    To complete it (``run_complete_task``) the run must have been read locked in
    the same transaction (``selectors.run_get_for_user(for_update=True)``): the
    form view reads and parses the run once per submission this way.
    """
    ready = _ready_task(run, task_id)
    if ready is None or ready.definition.role(ready.task.task_spec.bpmn_id) in (
        simulation.AUTOMATIC_ROLES
    ):
        return None
    return ready


@transaction.atomic
def run_submit_task(*, run: SandboxRun, task_id: str, data: dict) -> SandboxRun:
    """Validate a task's data against its form, complete it and advance the run.

    Invalid data raises ``ValidationError`` mapping field names to messages, and
    nothing changes.
    """
    run = _locked(run)
    if not run.is_active:
        raise _finished()
    ready = _ready_task(run, task_id)
    if ready is None:
        raise ValidationError({"__all__": [_not_ready()]})
    return _complete(ready, data)


def run_complete_task(*, ready: ReadyTask, data: dict) -> SandboxRun:
    """``run_submit_task`` for a task found by ``run_ready_task`` in the open
    transaction that read its run locked. Without a savepoint of its own:
    nothing is written before the last check, so an error leaves no change."""
    if transaction.get_autocommit():
        raise transaction.TransactionManagementError(
            "run_complete_task needs the transaction that locked the run."
        )
    if not ready.run.is_active:
        raise _finished()
    return _complete(ready, data)


def _complete(ready: ReadyTask, data: dict) -> SandboxRun:
    run, definition, workflow, task = (
        ready.run,
        ready.definition,
        ready.workflow,
        ready.task,
    )
    element_id = task.task_spec.bpmn_id
    element = definition.step_element(element_id)
    kind = ready.kind
    values, data = _submitted_values(kind, definition, run, element_id, data)
    try:
        engine.task_complete(workflow, task, values)
    except engine.EngineError as exc:
        raise _engine_error(exc) from None
    run.steps = [*run.steps, _step_record(definition, task, data, kind, auto=False)]
    if run.shows_feedback and kind != "confirm":
        step = scoring.step_findings(
            manifest=run.package.manifest,
            case=_case(run),
            element=element,
            step_name=definition.element_name(element),
            submitted=data,
            options=definition.options.get(element) if kind == "choice" else None,
        )
        run.feedback = [
            {"element": element, "correct": not step, "findings": step},
        ]
        run.findings = [*run.findings, *step]
    elif run.shows_feedback:
        run.feedback = []
    try:
        _auto_complete(run, workflow, definition)
    except engine.EngineError as exc:
        raise _engine_error(exc) from None
    _finish_if_done(run, workflow, definition)
    _save_state(run, workflow)
    return run


@transaction.atomic
def run_take_hint(*, run: SandboxRun, task_id: str) -> str:
    """The next hint for a ready task. Free in guided mode, costs points in
    practice mode (at scoring), refused in exam mode."""
    run = _locked(run)
    if not run.offers_hints:
        raise PermissionDenied(_("In der Prüfung gibt es keine Hinweise."))
    if not run.can_take_hint:
        raise _finished()
    definition = definition_of(run.package)
    workflow = engine.state_load(definition, run.state)
    task = engine.find_ready_task(workflow, task_id)
    if task is None:
        raise ValidationError({"task": [_not_ready()]})
    element = task.task_spec.bpmn_id
    hints = run.package.manifest["tasks"].get(element, {}).get("hints", [])
    if not hints:
        return _("Für diesen Schritt gibt es keinen Hinweis.")
    taken = [hint for hint in run.hints if hint["element"] == element]
    if len(taken) >= len(hints):
        return hints[-1]
    index = len(taken)
    run.hints = [*run.hints, {"element": element, "index": index}]
    run.save(update_fields=["hints", "updated_at"])
    return hints[index]


@transaction.atomic
def run_reset(*, run: SandboxRun) -> SandboxRun:
    """Put an active run back at the start of its case (same package version)."""
    run = _locked(run)
    if not run.is_active:
        raise ValidationError(
            {
                "__all__": [
                    _(
                        "Dieser Durchlauf ist abgeschlossen; sein Ergebnis bleibt "
                        "erhalten. Starten Sie einen neuen Durchlauf."
                    )
                ]
            }
        )
    definition = definition_of(run.package)
    run.steps, run.hints, run.feedback, run.findings = [], [], [], []
    try:
        workflow = engine.workflow_start(definition, _case(run).get("data", {}))
        _auto_complete(run, workflow, definition)
    except engine.EngineError as exc:
        raise _engine_error(exc) from None
    _finish_if_done(run, workflow, definition)
    _save_state(run, workflow)
    return run


@transaction.atomic
def run_repeat_step(*, run: SandboxRun) -> SandboxRun:
    """Practice mode: undo the trainee's last step so it can be done again."""
    run = _locked(run)
    if not run.offers_repeat:
        raise ValidationError(
            {"__all__": [_("Einen Schritt wiederholen geht nur im Übungsmodus.")]}
        )
    if not run.is_active:
        raise _finished()
    if not run.can_repeat_step:
        raise ValidationError(
            {"__all__": [_("Es gibt noch keinen Schritt zum Wiederholen.")]}
        )
    index = run.last_own_step
    step = run.steps[index]
    definition = definition_of(run.package)
    workflow = engine.state_load(definition, run.state)
    try:
        engine.reset_to_task(workflow, step["task_id"])
    except engine.EngineError as exc:
        raise _engine_error(exc) from None
    run.steps = run.steps[:index]
    kept = {s["element"] for s in run.steps if not s.get("auto")}
    run.findings = [f for f in run.findings if f.get("element") in kept]
    run.feedback = []
    _save_state(run, workflow)
    return run
