"""Wagtail admin views: list processes, show versions, cases and diagram, upload,
and the lead trainers' review of versions that wait for approval."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from . import selectors, services
from .forms import PackageReviewForm, PackageUploadForm
from .models import PUBLISH_PERMISSION, UPLOAD_PERMISSION, ProcessPackage
from .packages.labels import label_warnings

PERMISSION = UPLOAD_PERMISSION


def _require_permission(request, permission: str = PERMISSION) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _imported_message(package: ProcessPackage) -> str:
    values = {"title": package.title, "version": package.version}
    if not package.is_new:
        return _("„%(title)s“ ist unverändert (Version %(version)s).") % values
    if package.is_live:
        return _("„%(title)s“ wurde als Version %(version)s importiert.") % values
    return (
        _(
            "„%(title)s“ wurde als Version %(version)s importiert und wartet auf "
            "die Freigabe durch die Schulungsleitung. Bis dahin üben Beschäftigte "
            "mit der bisherigen Version."
        )
        % values
    )


def index(request):
    _require_permission(request)
    errors: list[str] = []
    if request.method == "POST":
        form = PackageUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                package = services.package_import(
                    file=form.cleaned_data["file"], uploaded_by=request.user
                )
            except ValidationError as exc:
                errors = list(exc.messages)
            else:
                if package.is_new:
                    messages.success(request, _imported_message(package))
                else:
                    messages.info(request, _imported_message(package))
                for warning in label_warnings(package.manifest):
                    messages.warning(request, warning)
                for note in package.import_notes:
                    messages.info(request, note)
                return redirect("sandbox_admin:detail", process_id=package.process_id)
    else:
        form = PackageUploadForm()
    return TemplateResponse(
        request,
        "sandbox/admin/index.html",
        {
            "form": form,
            "errors": errors,
            "pending": selectors.packages_pending_review(),
            "may_publish": request.user.has_perm(PUBLISH_PERMISSION),
            "processes": selectors.process_overview(),
            "page_title": _("Übungsräume"),
            "header_title": _("Übungsräume"),
        },
        status=400 if errors else 200,
    )


def detail(request, process_id):
    _require_permission(request)
    versions = selectors.process_versions(process_id)
    if not versions:
        raise Http404
    newest = versions[0]
    return TemplateResponse(
        request,
        "sandbox/admin/detail.html",
        {
            "package": newest,
            "versions": [
                {
                    "package": version,
                    "may_preview": selectors.may_preview(
                        package=version, user=request.user
                    ),
                }
                for version in versions
            ],
            "may_publish": request.user.has_perm(PUBLISH_PERMISSION),
            "diagram": selectors.process_diagram(package=newest),
            "page_title": newest.title,
            "header_title": newest.title,
        },
    )


def _review(request, process_id: str, version: int, *, approve: bool):
    """GET asks (approving changes what every employee plays); POST decides."""
    _require_permission(request, PUBLISH_PERMISSION)
    package = selectors.package_version(process_id=process_id, version=version)
    if package is None:
        raise Http404
    if not package.awaits_review:
        messages.error(
            request,
            _("Version %(version)s wartet nicht auf Freigabe.")
            % {"version": package.version},
        )
        return redirect("sandbox_admin:detail", process_id=process_id)
    live = selectors.process_get(process_id)
    form = PackageReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        review = services.package_approve if approve else services.package_reject
        try:
            review(
                package=package,
                reviewed_by=request.user,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _reviewed_message(package, live, approve))
            return redirect("sandbox_admin:detail", process_id=process_id)
    values = {"title": package.title, "version": package.version}
    title = (
        _("Version %(version)s von „%(title)s“ freigeben") % values
        if approve
        else _("Version %(version)s von „%(title)s“ ablehnen") % values
    )
    return TemplateResponse(
        request,
        "sandbox/admin/review.html",
        {
            "package": package,
            "live": live,
            "approve": approve,
            "form": form,
            "page_title": title,
            "header_title": title,
        },
        status=400 if form.errors else 200,
    )


def _reviewed_message(package, live, approved: bool) -> str:
    values = {"title": package.title, "version": package.version}
    if approved:
        return (
            _(
                "Version %(version)s von „%(title)s“ ist freigegeben. Neue "
                "Durchläufe beginnen mit dieser Version."
            )
            % values
        )
    if live is None:
        return (
            _(
                "Version %(version)s von „%(title)s“ wurde abgelehnt. Beschäftigte "
                "sehen den Prozess weiterhin nicht."
            )
            % values
        )
    return _(
        "Version %(version)s von „%(title)s“ wurde abgelehnt. Beschäftigte "
        "üben weiter mit Version %(live)s."
    ) % {**values, "live": live.version}


def approve(request, process_id, version):
    return _review(request, process_id, version, approve=True)


def reject(request, process_id, version):
    return _review(request, process_id, version, approve=False)


class PendingPackagesPanel(Component):
    """Dashboard panel for the lead trainers, beside Wagtail's pages awaiting
    review: sandbox versions waiting for their approval."""

    name = "sandbox_pending_review"
    template_name = "sandbox/admin/pending_panel.html"
    order = 210

    def get_context_data(self, parent_context):
        return {"pending": selectors.packages_pending_review()}
