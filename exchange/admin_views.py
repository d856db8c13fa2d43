"""Wagtail admin views: export a course, adopt a package, compare and confirm an
update."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from . import selectors, services
from .compare import change_rows
from .forms import CoursePackageForm
from .models import CourseUpdate
from .packages.build import course_package_build
from .services.course_import import may_update


def export(request, course_id: int):
    course = selectors.course_for_export(course_id=course_id)
    if course is None:
        raise Http404
    if not course.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    package = course_package_build(course)
    response = HttpResponse(package.data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{package.filename}"'
    return response


def adopt(request):
    if not selectors.may_adopt_courses(request.user):
        raise PermissionDenied
    errors: list[str] = []
    if request.method == "POST":
        form = CoursePackageForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                result = services.course_package_import(
                    file=form.cleaned_data["file"], user=request.user
                )
            except ValidationError as exc:
                errors = list(exc.messages)
            else:
                for warning in result.warnings:
                    messages.warning(request, warning)
                if result.update is not None:
                    return redirect("exchange_admin:update", update_id=result.update.pk)
                messages.success(
                    request,
                    _(
                        "„%(title)s“ wurde als Entwurf übernommen und wartet auf die "
                        "redaktionelle Prüfung. Passen Sie ihn vor der "
                        "Veröffentlichung an (z. B. Gebühren und Namen)."
                    )
                    % {"title": result.course.title},
                )
                return redirect("wagtailadmin_explore", result.course.pk)
    else:
        form = CoursePackageForm()
    return TemplateResponse(
        request,
        "exchange/admin/adopt.html",
        {
            "form": form,
            "errors": errors,
            "updates": selectors.updates_pending(),
            "header_title": _("Kurs übernehmen"),
        },
        status=400 if errors else 200,
    )


def update(request, update_id: int):
    pending = selectors.update_get(update_id)
    if pending is None:
        raise Http404
    course = pending.course_origin.course
    if not may_update(request.user, course):
        raise PermissionDenied
    if request.method == "POST" and pending.status == CourseUpdate.Status.PENDING:
        if "discard" in request.POST:
            services.course_update_discard(update=pending, user=request.user)
            messages.info(request, _("Die Aktualisierung wurde verworfen."))
            return redirect("exchange_admin:adopt")
        chosen = [
            v
            for v in request.POST.getlist("replace")
            if v.isascii() and v.isdigit() and len(v) <= 18
        ]
        try:
            applied = services.course_update_apply(
                update=pending, user=request.user, replace_edited=chosen
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _(
                    "Version %(version)s übernommen: %(count)d Seiten geändert oder "
                    "neu, als Entwürfe zur Prüfung."
                )
                % {"version": pending.version, "count": len(applied)},
            )
            return redirect("wagtailadmin_explore", course.pk)
    plan = services.course_update_plan(pending)
    rows = [(change, change_rows(change)) for change in plan.changes]
    return TemplateResponse(
        request,
        "exchange/admin/update.html",
        {
            "update": pending,
            "course": course,
            "rows": rows,
            "warnings": plan.warnings,
            "header_title": _("Aktualisierung von „%(title)s“")
            % {"title": course.title},
        },
    )
