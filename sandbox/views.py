"""Thin HTML views of the sandbox: plain forms, POST/redirect/GET. A run page's
step is also posted by a small script (sandbox/static/sandbox/steps.js) that
swaps in the next task without a redirect; without it the form works as well."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common.page_frame import framed_page

from . import forms, selectors, services
from .models import UPLOAD_PERMISSION, SandboxRun
from .packages import labels
from .process_page import process_content, start_initial
from .run_page import run_content

SESSION_FORM_KEY = "sandbox_form_{}"
# Where a run started from a lesson leads back to (kept for the run's lifetime).
SESSION_BACK_KEY = "sandbox_back_{}"
# Set by sandbox/steps.js on a step it posts: answer with the run page, no redirect.
STEP_HEADER = "X-Lotse-Step"


def _package_or_404(request, process_id: str, version: int | None):
    """The live version, or the named one if this person may play it (a preview
    for its uploader and the lead trainers); everyone else gets a 404."""
    if version is None:
        package = selectors.process_get(process_id)
    else:
        package = selectors.package_playable_by(
            process_id=process_id, version=version, user=request.user
        )
    if package is None:
        raise Http404(_("Diesen Übungsraum gibt es nicht."))
    return package


@login_required
def process_list(request):
    # Asked only for authors (`can_author`, from the cached roles): has_perm
    # loads every permission of the person, two queries, to say no to everyone else.
    return render(
        request,
        "sandbox/process_list.html",
        {
            "processes": selectors.process_list(),
            "runs": selectors.runs_for_user(user=request.user)[:20],
            "can_upload": lambda: request.user.has_perm(UPLOAD_PERMISSION),
        },
    )


@login_required
def process_detail(request, process_id, version=None):
    """A process's page: the live version, or with ``version`` a preview."""
    package = _package_or_404(request, process_id, version)
    initial = start_initial(package, request.GET)
    form = forms.RunStartForm(package=package, initial=initial)
    runs = selectors.runs_for_user(user=request.user, process_id=process_id)[:10]
    return framed_page(
        request,
        "sandbox/process_detail.html",
        {"package": package},
        content=process_content(request, package=package, form=form, runs=runs),
        key=["sandbox-process", str(package.pk)],
    )


@login_required
@require_POST
def run_start(request, process_id, version=None):
    package = _package_or_404(request, process_id, version)
    form = forms.RunStartForm(request.POST, package=package)
    if not form.is_valid():
        content = process_content(
            request, package=package, form=form, runs=[], kept=False
        )
        return render(
            request,
            "sandbox/process_detail.html",
            {"package": package, "content": content},
            status=400,
        )
    try:
        run = services.run_start(
            user=request.user,
            process_id=process_id,
            case_id=form.cleaned_data["case"],
            mode=form.cleaned_data["mode"],
            lanes=form.cleaned_data["lanes"],
            version=version,
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        if version is not None:
            return redirect(
                "sandbox:process_preview", process_id=process_id, version=version
            )
        return redirect("sandbox:process_detail", process_id=process_id)
    back = request.POST.get("back", "")
    if back.startswith("/") and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}
    ):
        request.session[SESSION_BACK_KEY.format(run.pk)] = back[:500]
    return redirect("sandbox:run_detail", run_id=run.pk)


def _process_url(run: SandboxRun, *, start: bool = False) -> str:
    """Where a new run of the same kind is chosen, or with ``start`` its start
    form posts to: a preview stays on its version."""
    if run.preview:
        return reverse(
            "sandbox:run_start_preview" if start else "sandbox:process_preview",
            kwargs={"process_id": run.process_id, "version": run.version},
        )
    return reverse(
        "sandbox:run_start" if start else "sandbox:process_detail",
        kwargs={"process_id": run.process_id},
    )


@login_required
def run_detail(request, run_id):
    run = selectors.run_get_for_user(run_id=run_id, user=request.user)
    return _run_page(request, run)


def _run_page(request, run: SandboxRun, workflow=None):
    """The run page: from its address, or as the answer to a step posted by
    sandbox/steps.js (``STEP_HEADER``) with the ``workflow`` that step saved."""
    view = selectors.run_view(run=run, workflow=workflow)
    # Values and errors of a rejected submission survive the redirect once.
    stored = request.session.pop(SESSION_FORM_KEY.format(run.pk), None) or {}
    fields = labels.field_schemas(run.package.manifest)
    for task in view["ready_tasks"]:
        task["rows"] = labels.data_display(task["data"], fields)
        same = stored.get("task") == task["id"]
        task["fields"] = forms.fields_for(
            task["form"],
            stored.get("values") if same else None,
            stored.get("errors") if same else None,
        )
        task["general_error"] = stored.get("errors", {}).get("__all__") if same else ""
        task["choice_error"] = stored.get("errors", {}).get("flow") if same else ""
    content = run_content(
        request,
        run=run,
        view=view,
        page={
            "process_url": _process_url(run),
            "start_url": _process_url(run, start=True),
            "hint": request.session.pop(f"sandbox_hint_{run.pk}", None),
            "form_errors": bool(stored.get("errors")),
            "back_url": request.session.get(SESSION_BACK_KEY.format(run.pk), ""),
        },
        diagram=lambda: selectors.run_diagram(run=run, view=view),
    )
    return framed_page(
        request,
        "sandbox/run_detail.html",
        {"package": run.package, "case": view["case"]},
        content=content,
        key=["sandbox-run", str(run.package.pk), run.case_id],
    )


@login_required
@require_POST
def run_submit(request, run_id):
    """A step: POST/redirect/GET to the run page, or, for a step posted by
    sandbox/steps.js, the run page at once (one request instead of two)."""
    completed = _submit_step(request, run_id)
    if request.headers.get(STEP_HEADER) != "1":
        return redirect(
            reverse("sandbox:run_detail", kwargs={"run_id": run_id}) + "#aufgabe"
        )
    if completed is None:  # rejected: the run as stored, with the messages and errors
        run = selectors.run_get_for_user(run_id=run_id, user=request.user)
        return _run_page(request, run)
    return _run_page(request, completed.run, completed.workflow)


@transaction.atomic
def _submit_step(request, run_id) -> services.ReadyTask | None:
    """Complete the posted task: the task, with its run and workflow as saved.
    A rejected submission (``None``) leaves its values and errors for the run page."""
    # One read of the run, locked, and one parse of its state per submission.
    run = selectors.run_get_for_user(run_id=run_id, user=request.user, for_update=True)
    task_id = request.POST.get("task", "")
    ready = services.run_ready_task(run=run, task_id=task_id)
    if ready is None:
        messages.error(request, _("Dieser Schritt ist gerade nicht an der Reihe."))
        return None
    if ready.kind == "choice":
        data, errors = {"flow": request.POST.get("flow", "")[:200]}, {}
    elif ready.kind == "confirm":
        data, errors = {}, {}
    else:
        data, errors = forms.coerce(ready.form, request.POST)
    if not errors:
        try:
            services.run_complete_task(ready=ready, data=data)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                errors = {k: v[0] for k, v in exc.message_dict.items()}
            else:
                errors = {"__all__": " ".join(exc.messages)}
    if errors:
        values = {
            name: request.POST.get(f"field_{name}", "")[: forms.VALUE_MAX_LENGTH]
            for name in (ready.form.get("properties") or {})
        }
        values.update(
            {k: v for k, v in data.items() if k not in errors and k != "flow"}
        )
        request.session[SESSION_FORM_KEY.format(run.pk)] = {
            "task": task_id,
            "values": {
                k: ("true" if v is True else "false" if v is False else v)
                for k, v in values.items()
            },
            "errors": errors,
        }
        messages.error(
            request, _("Bitte prüfen Sie Ihre Eingaben. Es wurde nichts gespeichert.")
        )
        return None
    return ready


@login_required
@require_POST
def run_hint(request, run_id):
    run = selectors.run_get_for_user(run_id=run_id, user=request.user)
    try:
        hint = services.run_take_hint(run=run, task_id=request.POST.get("task", ""))
    except PermissionDenied:
        raise
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        request.session[f"sandbox_hint_{run.pk}"] = hint
    return redirect(
        reverse("sandbox:run_detail", kwargs={"run_id": run.pk}) + "#aufgabe"
    )


@login_required
@require_http_methods(["GET", "POST"])
def run_reset(request, run_id):
    """GET asks for confirmation (the run's entries are lost); POST resets."""
    run = selectors.run_get_for_user(run_id=run_id, user=request.user)
    if request.method == "GET":
        return render(request, "sandbox/run_reset_confirm.html", {"run": run})
    try:
        services.run_reset(run=run)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Der Durchlauf beginnt wieder am Anfang."))
    return redirect("sandbox:run_detail", run_id=run.pk)


@login_required
@require_POST
def run_repeat(request, run_id):
    run = selectors.run_get_for_user(run_id=run_id, user=request.user)
    try:
        services.run_repeat_step(run=run)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.info(request, _("Sie können den letzten Schritt jetzt wiederholen."))
    return redirect(
        reverse("sandbox:run_detail", kwargs={"run_id": run.pk}) + "#aufgabe"
    )
