"""Pages of the staff import: upload, a job's progress and result, the template."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from common.urls import request_base_url
from lms import staff_csv
from lms.forms import StaffImportForm
from lms.models import StaffImportJob
from lms.selectors.staff_import import staff_import_job_for, staff_import_jobs_recent
from lms.services.staff_import import staff_import_job_create

may_import = permission_required("lms.import_staff", raise_exception=True)


@login_required
@may_import
@require_http_methods(["GET", "POST"])
def staff_import_view(request):
    """Upload a file: it becomes a job, and the page of that job shows its progress."""
    if request.method == "POST":
        form = StaffImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            job = staff_import_job_create(
                data=upload.read(),
                file_name=upload.name or "",
                dry_run=form.cleaned_data["dry_run"],
                actor=request.user,
                base_url=request_base_url(request),
            )
            return redirect("staff_import_job", job_id=job.pk)
    else:
        form = StaffImportForm()
    context = {
        "form": form,
        "columns": staff_csv.column_help(),
        "jobs": staff_import_jobs_recent(user=request.user),
    }
    return render(request, "lms/staff_import.html", context)


@login_required
@may_import
@require_GET
def staff_import_template_view(request):
    """An empty file to start from: the header and one example line."""
    response = HttpResponse(staff_csv.template_csv(), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="beschaeftigte-vorlage.csv"'
    return response


def _job_or_404(request, job_id: int) -> StaffImportJob:
    job = staff_import_job_for(user=request.user, job_id=job_id)
    if job is None:
        raise Http404(_("Diesen Import gibt es nicht."))
    return job


def _progress_text(job: StaffImportJob) -> str:
    if job.status == StaffImportJob.QUEUED:
        return _("Der Import wartet auf den Start …")
    if job.is_finished:
        return _("Der Import ist beendet.")
    numbers = {
        "checked": number_format(job.rows_checked, force_grouping=True),
        "total": number_format(job.rows_total, force_grouping=True),
    }
    if job.rows_total and job.rows_checked >= job.rows_total and not job.dry_run:
        return _(
            "Alle %(total)s Zeilen sind geprüft; die Daten werden gespeichert …"
        ) % (numbers)
    return _("%(checked)s von %(total)s Zeilen geprüft …") % numbers


@never_cache
@login_required
@may_import
@require_GET
def staff_import_job_view(request, job_id: int):
    """A job's progress (refreshed by a small script) or its result."""
    job = _job_or_404(request, job_id)
    context = {
        "job": job,
        "progress_text": _progress_text(job),
        "hidden_errors": job.error_count - len(job.errors),
        "hidden_changes": job.created + job.updated - len(job.changes),
    }
    return render(request, "lms/staff_import_job.html", context)


@never_cache
@login_required
@may_import
@require_GET
def staff_import_job_status_view(request, job_id: int):
    """The job's progress as JSON, for the script on the job's page."""
    job = _job_or_404(request, job_id)
    return JsonResponse(
        {
            "status": job.status,
            "finished": job.is_finished,
            "rows_checked": job.rows_checked,
            "rows_total": job.rows_total,
            "percent": job.percent,
            "text": _progress_text(job),
        }
    )
