"""Every read of the sandbox app that views, the API and other apps use.

The outcomes of finished runs, which readiness counts, are in `outcomes`.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.cache import cache
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sandbox import engine, scoring, simulation
from sandbox.diagram import render_svg
from sandbox.models import PUBLISH_PERMISSION, ProcessPackage, SandboxRun
from sandbox.selectors.packages import definition_of, package_content, process_get

DIAGRAM_TTL = 24 * 60 * 60  # a package row never changes; this only frees memory


def process_list() -> list[ProcessPackage]:
    """The live version of every process, ordered by title (what employees see)."""
    return list(
        ProcessPackage.objects.filter(status=ProcessPackage.Status.LIVE)
        .defer("bpmn", "dmn")
        .order_by("title")
    )


def exercise_choices() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """Every live process with its cases, for the course editor's exercise chooser:
    ``[(process_id, title, [(case_id, case title), ...]), ...]`` ordered by title.

    Wired into `courses` by the setting ``LOTSE_SANDBOX_EXERCISE_CHOICES`` (courses
    and sandbox never import each other).
    """
    return [
        (
            package.process_id,
            package.title,
            [
                (str(case.get("id", "")), str(case.get("title") or case.get("id", "")))
                for case in package.cases
            ],
        )
        for package in process_list()
    ]


def process_versions(process_id: str) -> list[ProcessPackage]:
    """Every version of a process, newest first, with uploader and reviewer."""
    return list(
        ProcessPackage.objects.filter(process_id=process_id)
        .select_related("uploaded_by", "reviewed_by")
        .order_by("-version")
    )


def may_preview(*, package: ProcessPackage, user) -> bool:
    """A version that is not live is seen only by its uploader and by those who may
    publish (the lead trainers), to try it before approving it."""
    return user.is_authenticated and (
        package.uploaded_by_id == user.pk or user.has_perm(PUBLISH_PERMISSION)
    )


def package_version(*, process_id: str, version: int) -> ProcessPackage | None:
    """One version of a process, whatever its status, or ``None``."""
    return ProcessPackage.objects.filter(process_id=process_id, version=version).first()


def package_playable_by(
    *, process_id: str, version: int, user
) -> ProcessPackage | None:
    """This version of a process if this person may play it: the live version
    everyone, any other only as a preview (``may_preview``); else ``None``."""
    package = package_version(process_id=process_id, version=version)
    if package is None or not (
        package.is_live or may_preview(package=package, user=user)
    ):
        return None
    return package


def packages_pending_review() -> list[ProcessPackage]:
    """Versions waiting for the lead trainers' review, oldest first."""
    return list(
        ProcessPackage.objects.filter(status=ProcessPackage.Status.PENDING_REVIEW)
        .select_related("uploaded_by")
        .defer("bpmn", "dmn")
        .order_by("created_at")
    )


def package_get(package_id: int) -> ProcessPackage:
    """A version by its id (any status), or 404."""
    try:
        return ProcessPackage.objects.defer("bpmn", "dmn").get(pk=package_id)
    except ProcessPackage.DoesNotExist:
        raise Http404(_("Diese Version eines Prozesspakets gibt es nicht.")) from None


def process_exists(process_id: str) -> bool:
    """Does a live version of this process exist (one that employees can play)?"""
    return ProcessPackage.objects.filter(
        process_id=process_id, status=ProcessPackage.Status.LIVE
    ).exists()


def mode_label(mode: str) -> str:
    """The name of a run mode in the active language, for other apps' cards."""
    if mode not in SandboxRun.Mode.values:
        return mode
    return str(SandboxRun.Mode(mode).label)


def case_exists(process_id: str, case_id: str) -> bool:
    package = process_get(process_id)
    return package is not None and package.case(case_id) is not None


def process_overview() -> list[dict]:
    """Every process for the admin list, also those not yet live: its newest
    version and the number of the live version (or ``None``)."""
    newest = (
        ProcessPackage.objects.filter(process_id=OuterRef("process_id"))
        .order_by("-version")
        .values("pk")[:1]
    )
    packages = (
        ProcessPackage.objects.filter(pk=Subquery(newest))
        .defer("bpmn", "dmn")
        .order_by("title")
    )
    live = dict(
        ProcessPackage.objects.filter(status=ProcessPackage.Status.LIVE).values_list(
            "process_id", "version"
        )
    )
    return [
        {"package": package, "live_version": live.get(package.process_id)}
        for package in packages
    ]


def run_get_for_user(*, run_id, user, for_update: bool = False) -> SandboxRun:
    """A run of this person; anyone else's run is a 404 (runs are private).

    ``for_update`` locks the run's row until the surrounding transaction ends: the
    one read of a run that is then changed, so a step reads it once rather than
    once to check and once locked. Its package comes from `package_content`.
    """
    runs = SandboxRun.objects.all()
    if for_update:
        runs = runs.select_for_update()
    try:
        run = runs.get(pk=run_id, user=user)
    except (SandboxRun.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Diesen Durchlauf gibt es nicht.")) from None
    except Exception as exc:  # malformed UUIDs raise ValidationError
        if exc.__class__.__name__ == "ValidationError":
            raise Http404(_("Diesen Durchlauf gibt es nicht.")) from None
        raise
    run.package = package_content(run.package_id)
    return run


# What lists of runs show (the run tables, the API's list): not a run's state,
# steps or findings, whose JSON would be read and parsed for every row.
RUN_SUMMARY_FIELDS = (
    *("id", "process_id", "version", "case_id", "mode", "status", "score"),
    *("passed", "preview", "created_at", "package__title"),
)


def runs_for_user(*, user, process_id: str | None = None) -> QuerySet[SandboxRun]:
    runs = (
        SandboxRun.objects.filter(user=user)
        .select_related("package")
        .only(*RUN_SUMMARY_FIELDS)
    )
    if process_id:
        runs = runs.filter(process_id=process_id)
    return runs.order_by("-created_at")


def process_passed_by_user(*, user_id: int, process_id: str) -> bool:
    """Has this person passed any run of this process (for course completion)?"""
    return SandboxRun.objects.filter(
        user_id=user_id,
        process_id=process_id,
        status=SandboxRun.Status.FINISHED,
        passed=True,
        preview=False,
    ).exists()


def latest_finished_run(
    *, user_id: int, process_id: str, case_id: str
) -> SandboxRun | None:
    """This person's most recent finished run of a case (previews do not count)."""
    return (
        SandboxRun.objects.filter(
            user_id=user_id,
            process_id=process_id,
            case_id=case_id,
            status=SandboxRun.Status.FINISHED,
            preview=False,
        )
        .defer("state")
        .order_by("-finished_at", "-created_at")
        .first()
    )


def case_to_practise(
    *, user_id: int, process_id: str, preferred: list[str] | None = None
) -> dict | None:
    """The case of a live process this person should practise next, or ``None``.

    The case of their latest failed run (unless they passed it since); else the
    first case they have not played, ``preferred`` ones (a course's exercises)
    first; else the first preferred or first case of the process. Returns the case
    from the manifest (``id``, ``title`` ...).
    """
    package = process_get(process_id)
    if package is None or not package.cases:
        return None
    outcomes: dict[str, bool] = {}
    for case_id, passed in (
        SandboxRun.objects.filter(
            user_id=user_id,
            process_id=process_id,
            status=SandboxRun.Status.FINISHED,
            preview=False,
        )
        .order_by("-finished_at", "-created_at")
        .values_list("case_id", "passed")
    ):
        outcomes.setdefault(case_id, bool(passed))
    known = [str(case.get("id", "")) for case in package.cases]
    wanted = [c for c in preferred or [] if c in known]
    ordered = wanted + [c for c in known if c not in wanted]
    failed = [c for c in outcomes if c in known and not outcomes[c]]
    unplayed = [c for c in ordered if c not in outcomes]
    chosen = (failed or unplayed or ordered)[0]
    return package.case(chosen)


def runs_export_for_user(*, user_id: int) -> list[dict]:
    """Everything the sandbox holds about a person, for their data export (§7.6)."""
    return [
        {
            "id": str(run.pk),
            "process": run.process_id,
            "version": run.version,
            "case": run.case_id,
            "mode": run.mode,
            "lanes": run.lanes,
            "status": run.status,
            "preview": run.preview,
            "steps": [
                {"element": s["element"], "data": s["data"], "auto": s["auto"]}
                for s in run.steps
            ],
            "hints": run.hints,
            "score": run.score,
            "passed": run.passed,
            "end_event": run.end_event or None,
            "findings": scoring.findings_for_display(run.findings),
            "created_at": run.created_at.isoformat(),
            "finished_at": run.finished_at.isoformat() if run.finished_at else None,
        }
        for run in SandboxRun.objects.filter(user_id=user_id)
        .defer("state")
        .order_by("created_at")
    ]


# --------------------------------------------------------------------------- views


def data_view(data: dict, paths: list[str]) -> dict:
    """The part of ``data`` along ``paths``, as nested objects; nothing else."""
    view: dict[str, Any] = {}
    for path in paths:
        keys = path.split(".")
        value: Any = data
        for key in keys:
            if not isinstance(value, dict) or key not in value:
                break
            value = value[key]
        else:
            target = view
            for key in keys[:-1]:
                target = target.setdefault(key, {})
                if not isinstance(target, dict):
                    break
            else:
                target[keys[-1]] = value
    return view


def run_view(*, run: SandboxRun, workflow: Any = None) -> dict:
    """Everything the run page and the API show about a run. ``workflow`` is
    its state already parsed, by the step that has just saved it."""
    package = run.package
    definition = definition_of(package)
    if workflow is None:
        workflow = engine.state_load(definition, run.state)
    lanes = run.played_lanes
    tasks = []
    for task in engine.ready_tasks(workflow):
        if task.task_spec.lane not in lanes:
            continue
        element_id = task.task_spec.bpmn_id
        if definition.role(element_id) in simulation.AUTOMATIC_ROLES:
            continue
        element = definition.step_element(element_id)
        kind = simulation.step_kind(definition, package.manifest, element_id)
        config = package.manifest["tasks"].get(element, {})
        hints = config.get("hints", [])
        tasks.append(
            {
                "id": str(task.id),
                "element": element,
                "name": definition.element_name(element)
                if kind != "choice" or definition.elements[element].name
                else _("Wie geht es weiter?"),
                "lane": task.task_spec.lane,
                "kind": kind,
                "options": simulation.choice_options(definition, element_id)
                if kind == "choice"
                else [],
                "form": config.get("form", {}) if kind == "form" else {},
                "data": data_view(task.data, config.get("reads", [])),
                "instructions": config.get("instructions", ""),
                "hint_count": len(hints),
                "hints_taken": [
                    hints[h["index"]]
                    for h in run.hints
                    if h["element"] == element and h["index"] < len(hints)
                ],
            }
        )
    completed = engine.completed_elements(workflow)
    done = {definition.step_element(element_id) for element_id in completed}
    current = {t["element"] for t in tasks}
    done_steps = [
        definition.element_name(element_id)
        for element_id in completed
        if definition.elements.get(element_id)
        and definition.elements[element_id].kind
        not in ("exclusiveGateway", "inclusiveGateway", "eventBasedGateway")
    ]
    automatic = {
        element_id
        for element_id in definition.elements
        if definition.role(element_id) in simulation.AUTOMATIC_ROLES
    }
    steps = [
        {
            "element": step["element"],
            "name": definition.element_name(step["element"]),
            "kind": step.get("kind") or "form",
            "auto": bool(step.get("auto")),
            "label": _("Automatischer Schritt: %(name)s")
            % {"name": definition.element_name(step["element"])}
            if step.get("kind") == "automatic"
            else definition.element_name(step["element"]),
        }
        for step in run.steps
    ]
    case = package.case(run.case_id) or {}
    return {
        "run": run,
        "package": package,
        "case": case,
        "definition": definition,
        "ready_tasks": tasks,
        # Findings and feedback with their sentences in the reader's language.
        "findings": scoring.findings_for_display(run.findings),
        "feedback": [
            {**item, "findings": scoring.findings_for_display(item["findings"])}
            for item in run.feedback
        ],
        "done": done,
        "done_steps": done_steps,
        "automatic": automatic,
        "steps": steps,
        "current": current,
        "end_event_name": definition.element_name(run.end_event)
        if run.end_event
        else "",
    }


def run_diagram(*, run: SandboxRun, view: dict | None = None) -> str:
    """The run's diagram with its done and current steps.

    The drawing depends only on the package version (whose row never changes),
    the marked steps and the language, so it is kept in the shared cache under
    exactly those: a run page does not read the package's XML or draw again
    what another run in the same state already drew.
    """
    view = view or run_view(run=run)
    mark = run.shows_feedback
    package = run.package
    marks = [",".join(sorted(view[name])) for name in ("done", "current", "automatic")]
    name = "|".join(
        [str(package.pk), package.digest, get_language() or "", str(mark), *marks]
    )
    key = "sandbox:diagram:" + hashlib.sha256(name.encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        svg = render_svg(
            bpmn=package.bpmn,
            title=_diagram_title(package),
            done=view["done"],
            current=view["current"],
            mark=mark,
            automatic=view["automatic"],
            process_id=package.process_id,
        )
        cache.set(key, svg, DIAGRAM_TTL)
    return svg


def process_diagram(*, package: ProcessPackage) -> str:
    return render_svg(
        bpmn=package.bpmn,
        title=_diagram_title(package),
        mark=False,
        process_id=package.process_id,
    )


def _diagram_title(package: ProcessPackage) -> str:
    return _("Ablauf: %(title)s") % {"title": package.title}
