"""Wagtail admin views: list processes, show versions, cases and diagram, upload."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from . import selectors, services
from .forms import PackageUploadForm

PERMISSION = "sandbox.upload_processpackage"


def _require_permission(request) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


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
                    messages.success(
                        request,
                        _("„%(title)s“ wurde als Version %(version)s importiert.")
                        % {"title": package.title, "version": package.version},
                    )
                else:
                    messages.info(
                        request,
                        _("„%(title)s“ ist unverändert (Version %(version)s).")
                        % {"title": package.title, "version": package.version},
                    )
                return redirect("sandbox_admin:detail", process_id=package.process_id)
    else:
        form = PackageUploadForm()
    return TemplateResponse(
        request,
        "sandbox/admin/index.html",
        {
            "form": form,
            "errors": errors,
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
    latest = versions[0]
    return TemplateResponse(
        request,
        "sandbox/admin/detail.html",
        {
            "package": latest,
            "versions": versions,
            "diagram": selectors.process_diagram(package=latest),
            "page_title": latest.title,
            "header_title": latest.title,
        },
    )
