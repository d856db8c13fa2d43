"""Pages of analytics: dashboards, exports, initiatives, adoption upload, access
log, the recompute, and for every employee their own readiness. The pulse survey's
pages are in `surveys`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from analytics.chart_cache import dashboard_charts_html
from analytics.exports import readiness_csv, readiness_xlsx
from analytics.forms import (
    AdoptionUploadForm,
    InitiativeForm,
)
from analytics.formula import FORMULA_VERSION, READY_THRESHOLD, WEIGHTS
from analytics.models import AccessLog, Initiative, RecomputeJob
from analytics.selectors.dashboard import dashboard_unit_scope
from analytics.selectors.me import my_readiness
from analytics.selectors.page import dashboard_page
from analytics.selectors.surveys import open_waves_for
from analytics.services.access_log import access_log_record
from analytics.services.adoption import adoption_csv_import
from analytics.services.initiatives import initiative_delete, initiative_save
from analytics.services.recompute import recompute_job_create
from lms import roles
from lms.selectors.org import user_roles


def _scope_or_403(request):
    scope = dashboard_unit_scope(request.user)
    if scope is None:
        raise PermissionDenied(
            _("Auswertungen sehen nur Amtsleitungen und die Personalentwicklung.")
        )
    return scope


def training_admin_or_403(request) -> None:
    if not user_roles(request.user) & {roles.TRAINING_ADMIN, roles.ADMIN}:
        raise PermissionDenied(_("Das darf nur die Personalentwicklung."))


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None


def _filters(request) -> dict:
    return {
        "initiative": _int(request.GET.get("initiative")),
        "process": (request.GET.get("process") or "")[:100] or None,
        "unit": _int(request.GET.get("unit")),
    }


def _page(request, scope, *, with_charts: bool = True):
    filters = _filters(request)
    return dashboard_page(
        visible=scope,
        initiative_id=filters["initiative"],
        process_id=filters["process"],
        unit_id=filters["unit"],
        today=timezone.localdate(),
        with_charts=with_charts,
    ), filters


def _charts_html(request, page, scope) -> str:
    """Table and charts of the page, rendered once per data generation."""
    html = dashboard_charts_html(
        page, visible=scope, today=timezone.localdate(), language=get_language()
    )
    # Rendered by our template with autoescaping, here or for the cache.
    return mark_safe(html)  # noqa: S308


@login_required
@require_GET
def dashboard_view(request):
    """The dashboards of a head (their subtrees) or the training admin (all)."""
    scope = _scope_or_403(request)
    page, filters = _page(request, scope, with_charts=False)
    access_log_record(
        user=request.user,
        action=AccessLog.Action.VIEW,
        target="dashboard",
        filters={k: v or "" for k, v in filters.items()},
    )
    context = {
        "page": page,
        "charts_html": _charts_html(request, page, scope) if page.initiative else "",
        "formula_version": FORMULA_VERSION,
        "weights": WEIGHTS,
        "ready_threshold": int(READY_THRESHOLD),
        "may_recompute": bool(
            user_roles(request.user) & {roles.TRAINING_ADMIN, roles.ADMIN}
        ),
        "query": request.GET.urlencode(),
    }
    return render(request, "analytics/dashboard.html", context)


@login_required
@require_GET
def dashboard_export_view(request, kind: str):
    """The readiness table as CSV (German Excel) or XLSX, suppressed as on screen."""
    scope = _scope_or_403(request)
    page, filters = _page(request, scope)
    if page.table is None:
        raise Http404(_("Es gibt noch nichts zu exportieren."))
    access_log_record(
        user=request.user,
        action=AccessLog.Action.EXPORT_CSV
        if kind == "csv"
        else AccessLog.Action.EXPORT_XLSX,
        target="dashboard",
        filters={k: v or "" for k, v in filters.items()},
    )
    if kind == "csv":
        response = HttpResponse(
            readiness_csv(page.table), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            readiness_xlsx(page.table),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="bereitschaft.{kind}"'
    return response


@login_required
@require_POST
def recompute_start_view(request):
    training_admin_or_403(request)
    job = recompute_job_create(user=request.user)
    return redirect("analytics:recompute_job", job_id=job.pk)


def _job_or_404(job_id: int) -> RecomputeJob:
    job = RecomputeJob.objects.filter(pk=job_id).first()
    if job is None:
        raise Http404(_("Diese Neuberechnung gibt es nicht."))
    return job


@login_required
@require_GET
def recompute_job_view(request, job_id: int):
    training_admin_or_403(request)
    return render(request, "analytics/recompute_job.html", {"job": _job_or_404(job_id)})


@never_cache
@login_required
@require_GET
def recompute_job_status_view(request, job_id: int):
    training_admin_or_403(request)
    job = _job_or_404(job_id)
    return JsonResponse(
        {
            "status": job.status,
            "percent": job.percent,
            "finished": job.status
            in (RecomputeJob.Status.DONE, RecomputeJob.Status.FAILED),
            "text": _("%(percent)s %% berechnet") % {"percent": job.percent},
        }
    )


@login_required
@require_GET
def initiative_list_view(request):
    training_admin_or_403(request)
    initiatives = Initiative.objects.prefetch_related("org_units").order_by("go_live")
    return render(
        request, "analytics/initiative_list.html", {"initiatives": initiatives}
    )


def initiative_or_404(initiative_id: int) -> Initiative:
    initiative = Initiative.objects.filter(pk=initiative_id).first()
    if initiative is None:
        raise Http404(_("Dieses Vorhaben gibt es nicht."))
    return initiative


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit_view(request, initiative_id: int | None = None):
    training_admin_or_403(request)
    initiative = None if initiative_id is None else initiative_or_404(initiative_id)
    initial = {}
    if initiative:
        initial = {
            "title": initiative.title,
            "go_live": initiative.go_live,
            "process_ids": initiative.process_ids,
            "course_ids": initiative.course_ids,
            "org_unit_ids": list(initiative.org_units.values_list("id", flat=True)),
            "target_share": initiative.target_share,
        }
    extra = initiative.process_ids if initiative else []
    if request.method == "POST":
        form = InitiativeForm(request.POST, extra_processes=extra)
        if form.is_valid():
            try:
                initiative_save(initiative=initiative, **form.cleaned_data)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Das Vorhaben ist gespeichert."))
                return redirect("analytics:initiatives")
    else:
        form = InitiativeForm(
            initial=initial or {"target_share": 80}, extra_processes=extra
        )
    return render(
        request,
        "analytics/initiative_edit.html",
        {
            "form": form,
            "initiative": initiative,
            "waves": initiative.waves.order_by("-opens_on", "-pk")
            if initiative
            else [],
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def initiative_delete_view(request, initiative_id: int):
    training_admin_or_403(request)
    initiative = initiative_or_404(initiative_id)
    initiative_delete(initiative=initiative)
    messages.success(request, _("Das Vorhaben ist gelöscht."))
    return redirect("analytics:initiatives")


@login_required
@require_http_methods(["GET", "POST"])
def adoption_upload_view(request):
    """Upload adoption figures as CSV: every line checked, nothing saved if one is bad."""
    training_admin_or_403(request)
    problems: list[str] = []
    if request.method == "POST":
        form = AdoptionUploadForm(request.POST, request.FILES)
        if form.is_valid():
            stored, problems = adoption_csv_import(
                data=form.cleaned_data["file"].read()
            )
            if not problems:
                messages.success(
                    request,
                    _("%(count)s Wochenzahlen gespeichert.") % {"count": stored},
                )
                return redirect("analytics:adoption_upload")
    else:
        form = AdoptionUploadForm()
    return render(
        request, "analytics/adoption_upload.html", {"form": form, "problems": problems}
    )


@login_required
@require_GET
def access_log_view(request):
    """The access log, for administrators only."""
    if roles.ADMIN not in user_roles(request.user):
        raise PermissionDenied(
            _("Das Zugriffsprotokoll sehen nur Administratorinnen und Administratoren.")
        )
    entries = Paginator(AccessLog.objects.all(), 50).get_page(request.GET.get("seite"))
    return render(request, "analytics/access_log.html", {"entries": entries})


@login_required
@require_GET
def my_readiness_view(request):
    """My own readiness per process: visible to me only."""
    return render(
        request,
        "analytics/my_readiness.html",
        {
            "items": my_readiness(request.user),
            "waves": open_waves_for(request.user),
            "formula_version": FORMULA_VERSION,
        },
    )
