"""Org units on Lotse's own pages (training admin): create, edit (with the heads),
delete.

A unit is deleted only after a confirmation and only while nothing hangs on it
(people, units below it, assignment rules); otherwise the page says why not.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lms.forms import OrgUnitForm
from lms.models.org import OrgUnit
from lms.selectors.org import org_subtree_ids, org_unit_head_candidates
from lms.services.org import (
    OrgUnitInUse,
    org_unit_delete,
    org_unit_deletion_blocker,
    org_unit_save,
)


def _unit_form_page(request, unit: OrgUnit | None):
    """Shared by create and edit."""
    creating = unit is None
    instance = unit or OrgUnit()
    excluded = org_subtree_ids([unit.pk]) if unit else set()
    form = OrgUnitForm(
        request.POST if request.method == "POST" else None,
        instance=instance,
        initial={"heads": list(unit.heads.all())} if unit else None,
        excluded_parent_ids=excluded,
        head_candidates=org_unit_head_candidates(unit) if unit else None,
    )
    if request.method == "POST" and form.is_valid():
        heads = form.cleaned_data.get("heads")
        try:
            saved = org_unit_save(
                unit=form.save(commit=False),
                heads=list(heads) if heads is not None else None,
            )
        except ValidationError as exc:
            for field, field_messages in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, field_messages)
        else:
            messages.success(
                request,
                (
                    _("Die Einheit „%s“ ist angelegt.")
                    if creating
                    else _("Die Einheit „%s“ ist gespeichert.")
                )
                % saved.name,
            )
            return redirect("org_overview")
    return render(
        request,
        "lms/org_units/edit.html",
        {"form": form, "unit": unit, "creating": creating},
    )


@login_required
@permission_required("lms.add_orgunit", raise_exception=True)
@require_http_methods(["GET", "POST"])
def org_unit_create_view(request):
    return _unit_form_page(request, None)


@login_required
@permission_required("lms.change_orgunit", raise_exception=True)
@require_http_methods(["GET", "POST"])
def org_unit_edit_view(request, unit_id: int):
    return _unit_form_page(request, get_object_or_404(OrgUnit, pk=unit_id))


@login_required
@permission_required("lms.delete_orgunit", raise_exception=True)
@require_http_methods(["GET", "POST"])
def org_unit_delete_view(request, unit_id: int):
    """GET asks for confirmation (or says why not), POST deletes."""
    unit = get_object_or_404(OrgUnit, pk=unit_id)
    blocker = org_unit_deletion_blocker(unit)
    if request.method == "POST" and not blocker:
        name = unit.name
        try:
            org_unit_delete(unit=unit)
        except OrgUnitInUse as exc:
            blocker = str(exc)
        else:
            messages.success(request, _("Die Einheit „%s“ ist gelöscht.") % name)
            return redirect("org_overview")
    return render(
        request,
        "lms/org_units/delete.html",
        {"unit": unit, "blocker": blocker},
        status=409 if request.method == "POST" else 200,
    )
