"""The run page's content, rendered once per state and kept in the shared cache.

Every trainee who plays a case passes through the same states (same steps,
feedback and data), and rendering the page's content cost more CPU than the
rest of the request (bench/README.md, fourth round). So the content is
rendered from plain values only and kept under the hash of exactly those
values and the language: a key that cannot go stale, because any difference
in what is shown is a different key (as the run diagram, ``selectors.run_diagram``).

What differs between runs in the same state is not part of the cached HTML:
the run's id (in the forms' addresses), the tasks' ids and the CSRF token are
rendered as placeholders that each request replaces by its own.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from common.page_frame import CSRF_PLACEHOLDER, with_csrf_token

from .models import SandboxRun

CONTENT_TTL = 60 * 60  # seconds; the key names the content, this only frees memory
RUN_PLACEHOLDER = "00000000-0000-4000-8000-00000000a11e"  # a UUID for `reverse`
TASK_PLACEHOLDER = "lotse-task-{:04d}"


def _run_values(run: SandboxRun) -> dict:
    """What the content shows of the run: only these reach the template."""
    return {
        "pk": RUN_PLACEHOLDER,
        "mode_label": run.mode_label,
        "mode": run.mode,
        "lanes": list(run.lanes or []),
        "is_active": run.is_active,
        "preview": run.preview,
        "version": run.version,
        "passed": run.passed,
        "score": run.score,
        "case_id": run.case_id,
        "shows_feedback": run.shows_feedback,
        "can_repeat_step": run.can_repeat_step,
        "can_take_hint": run.can_take_hint,
        "hints_cost_points": run.hints_cost_points,
    }


def run_content(
    request, *, run: SandboxRun, view: dict, page: dict, diagram: Callable[[], str]
) -> SafeString:
    """The content of the run page: ``view`` from ``selectors.run_view`` (with
    the tasks' form fields), ``page`` the request's own values (hint, back link
    ...); ``diagram`` is called only when the content has to be rendered."""
    tasks = view["ready_tasks"]
    ids = {TASK_PLACEHOLDER.format(n): task["id"] for n, task in enumerate(tasks)}
    package = view["package"]
    values = {
        **page,
        "run": _run_values(run),
        "package": {"title": package.title, "pass_mark": package.pass_mark},
        "case": {"title": view["case"].get("title", "")},
        "ready_tasks": [
            {**task, "id": placeholder}
            for placeholder, task in zip(ids, tasks, strict=True)
        ],
        **{
            name: view[name]
            for name in ("findings", "feedback", "done_steps", "steps")
            + ("end_event_name",)
        },
    }
    # The diagram is drawn from these (selectors.run_diagram); not its SVG.
    marks = {name: sorted(view[name]) for name in ("done", "current", "automatic")}
    name = json.dumps(
        [package.pk, package.digest, get_language(), marks, values],
        sort_keys=True,
        default=str,
    )
    key = "sandbox:run-content:" + hashlib.sha256(name.encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            "sandbox/run_content.html",
            {**values, "diagram": diagram(), "csrf_token": CSRF_PLACEHOLDER},
        )
        cache.set(key, html, CONTENT_TTL)
    html = html.replace(RUN_PLACEHOLDER, str(run.pk))
    for placeholder, task_id in ids.items():
        html = html.replace(placeholder, task_id)
    return mark_safe(with_csrf_token(request, html))  # noqa: S308 - our own template's autoescaped output
