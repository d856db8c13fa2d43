"""The process page's content, rendered once per version, language and chosen
case and mode, and kept in the shared cache (as the run page's, run_page.py).

Everyone who opens a process sees the same description, diagram, start form and
list of cases; only their own runs of it differ, and starting runs is what the
page is for. So the kept content gets the person's runs and the request's CSRF
token put in; the frame around it comes from `common.page_frame`. A start form
with errors is rendered for its request alone.
"""

from __future__ import annotations

import hashlib
import json

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from common.page_frame import CSRF_PLACEHOLDER, with_csrf_token

from . import selectors
from .models import ProcessPackage, SandboxRun
from .run_page import CONTENT_TTL

RUNS_PLACEHOLDER = "lotse-process-runs-placeholder"


def start_initial(package: ProcessPackage, query) -> dict:
    """The start form's choices from the address (a lesson links to a case): only
    a case of this version and a mode that exists, so that no address makes a new
    kept content."""
    mode = query.get("mode")
    initial = {
        "mode": mode if mode in SandboxRun.Mode.values else SandboxRun.Mode.PRACTICE
    }
    if query.get("case") in {str(case.get("id")) for case in package.cases}:
        initial["case"] = query["case"]
    return initial


def process_content(
    request, *, package: ProcessPackage, form, runs, kept: bool = True
) -> SafeString:
    """The page's content with the person's ``runs``; ``kept=False`` for a form
    with errors (rendered for this request alone)."""
    live_version = (
        package.version
        if package.is_live
        else getattr(selectors.process_get(package.process_id), "version", None)
    )
    name = json.dumps(
        [package.pk, package.status, live_version, get_language(), form.initial],
        sort_keys=True,
    )
    key = "sandbox:process-content:" + hashlib.sha256(name.encode()).hexdigest()
    html = cache.get(key) if kept else None
    if html is None:
        html = render_to_string(
            "sandbox/process_content.html",
            {
                "package": package,
                "live_version": live_version,
                "form": form,
                "diagram": selectors.process_diagram(package=package),
                "runs": RUNS_PLACEHOLDER,
                "csrf_token": CSRF_PLACEHOLDER,
            },
        )
        if kept:
            cache.set(key, html, CONTENT_TTL)
    own_runs = render_to_string("sandbox/includes/process_runs.html", {"runs": runs})
    html = with_csrf_token(request, html)
    return mark_safe(html.replace(RUNS_PLACEHOLDER, own_runs, 1))  # noqa: S308
