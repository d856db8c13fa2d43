"""The Kursbörse in a subscribing town: browse, adopt with one click, see and open
updates. For the training admin (and administrators)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .models import EXCHANGE_BROWSE_PERMISSION, CourseOrigin
from .services.catalogue import (
    CatalogueUnavailable,
    catalogue_adopt,
    catalogue_entries,
)


def _require_browse(request) -> None:
    if not request.user.has_perm(EXCHANGE_BROWSE_PERMISSION):
        raise PermissionDenied


@login_required
def catalogue(request):
    _require_browse(request)
    error = ""
    rows = []
    try:
        entries = catalogue_entries()
    except CatalogueUnavailable as exc:
        entries, error = [], str(exc)
    origins = {
        (origin.installation, origin.origin_course_id): origin
        for origin in CourseOrigin.objects.select_related("course")
    }
    for entry in entries:
        source = entry.get("origin") or {}
        origin = origins.get((source.get("installation"), source.get("course_id")))
        rows.append(
            {
                "entry": entry,
                "origin": origin,
                "update_available": origin is not None
                and entry.get("version", 0) > origin.version,
            }
        )
    return render(request, "exchange/catalogue.html", {"rows": rows, "error": error})


def _adopt(request, entry_id: int):
    try:
        result = catalogue_adopt(entry_id=entry_id, user=request.user)
    except CatalogueUnavailable as exc:
        messages.error(request, str(exc))
        return redirect("exchange:catalogue")
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("exchange:catalogue")
    if result.update is not None:
        return redirect("exchange_admin:update", update_id=result.update.pk)
    messages.success(
        request,
        _(
            "„%(title)s“ wurde übernommen und wartet als Entwurf auf die redaktionelle "
            "Prüfung."
        )
        % {"title": result.course.title},
    )
    return redirect("exchange:catalogue")


@login_required
def adopt(request, entry_id: int):
    _require_browse(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return _adopt(request, entry_id)


@login_required
def update(request, entry_id: int):
    """Fetch the newer version and open the comparison; nothing is applied yet."""
    _require_browse(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return _adopt(request, entry_id)
