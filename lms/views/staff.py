"""The staff page under /organisation/: find people, edit them, (de)activate accounts.

This is where the training admin manages people; accounts of administrators, and
passwords, are left to Administration (Django's and Wagtail's user admin).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lms.forms import LeaveForm, StaffMemberForm
from lms.models.org import StaffProfile
from lms.selectors.org import org_tree, org_units_with_member_counts
from lms.selectors.staff import (
    account_roles,
    is_administrator,
    listed_roles,
    may_manage_account,
    staff_member_get,
    staff_search,
)
from lms.services.erasure import person_erase
from lms.services.leavers import person_mark_left, person_mark_returned
from lms.services.staff import (
    staff_member_activate,
    staff_member_deactivate,
    staff_member_update,
)

PAGE_SIZE = 50
FORM_FIELDS = ["first_name", "last_name", "email", "org_unit", "job_title"]


@login_required
@permission_required("lms.view_staffprofile", raise_exception=True)
@require_GET
def staff_list_view(request):
    query = request.GET.get("q", "").strip()[:100]
    units = org_tree(org_units_with_member_counts())
    unit_code = request.GET.get("einheit", "")
    unit = next((u for u, _depth in units if u.code == unit_code), None)
    page = Paginator(staff_search(query=query, unit=unit), PAGE_SIZE).get_page(
        request.GET.get("seite")
    )
    viewer_is_admin = is_administrator(request.user)
    context = {
        "query": query,
        "unit_code": unit.code if unit else "",
        # Options cannot be indented with CSS under our policy: spaces show depth.
        "unit_options": [
            (u.code, "\u00a0\u00a0" * depth + u.name) for u, depth in units
        ],
        "page_obj": page,
        "extra_query": urlencode(
            {k: v for k, v in {"q": query, "einheit": unit_code}.items() if v}
        ),
        "rows": [(p, listed_roles(p), viewer_is_admin or not p.is_admin) for p in page],
    }
    return render(request, "lms/staff/list.html", context)


def _manageable_profile(request, user_id: int) -> StaffProfile:
    profile = staff_member_get(user_id=user_id)
    if profile is None:
        raise Http404
    if not may_manage_account(actor=request.user, user=profile.user):
        raise PermissionDenied
    return profile


@login_required
@permission_required("lms.change_staffprofile", raise_exception=True)
def staff_edit_view(request, user_id: int):
    profile = _manageable_profile(request, user_id)
    person = profile.user
    may_grant_admin = is_administrator(request.user)
    if request.method == "POST":
        form = StaffMemberForm(request.POST, may_grant_admin=may_grant_admin)
        if form.is_valid():
            data = form.cleaned_data
            try:
                staff_member_update(
                    actor=request.user,
                    profile=profile,
                    role_names=set(data["roles"]),
                    **{name: data[name] for name in FORM_FIELDS},
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Die Angaben zu %(name)s sind gespeichert.")
                    % {"name": person.get_full_name()},
                )
                return redirect("staff:list")
    else:
        initial = {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "org_unit": profile.org_unit_id,
            "job_title": profile.job_title,
            "roles": sorted(account_roles(person)),
        }
        form = StaffMemberForm(initial=initial, may_grant_admin=may_grant_admin)
    return render(
        request,
        "lms/staff/edit.html",
        {
            "form": form,
            "profile": profile,
            "is_self": person.pk == request.user.pk,
            "may_erase": is_administrator(request.user)
            and person.pk != request.user.pk,
        },
    )


def _add_errors(form, exc: ValidationError) -> None:
    """Put the service's errors next to the fields they are about."""
    by_field = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for field, field_messages in by_field.items():
        form.add_error(field if field in form.fields else None, field_messages)


@login_required
@permission_required("lms.change_staffprofile", raise_exception=True)
def staff_deactivate_view(request, user_id: int):
    """GET asks for confirmation, POST deactivates."""
    profile = _manageable_profile(request, user_id)
    person = profile.user
    if request.method == "POST":
        try:
            staff_member_deactivate(actor=request.user, user=person)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Das Konto von %(name)s ist deaktiviert.")
                % {"name": person.get_full_name()},
            )
        return redirect("staff:edit", user_id=person.pk)
    return render(
        request,
        "lms/staff/deactivate.html",
        {"profile": profile, "is_self": person.pk == request.user.pk},
    )


@login_required
@permission_required("lms.change_staffprofile", raise_exception=True)
@require_POST
def staff_activate_view(request, user_id: int):
    person = _manageable_profile(request, user_id).user
    try:
        staff_member_activate(actor=request.user, user=person)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Das Konto von %(name)s ist wieder aktiv.")
            % {"name": person.get_full_name()},
        )
    return redirect("staff:edit", user_id=person.pk)


@login_required
@permission_required("lms.change_staffprofile", raise_exception=True)
def staff_leave_view(request, user_id: int):
    """GET asks for the leaving date, POST marks the person as left."""
    profile = _manageable_profile(request, user_id)
    person = profile.user
    is_self = person.pk == request.user.pk
    form = LeaveForm(request.POST or None)
    if request.method == "POST" and not is_self and form.is_valid():
        person_mark_left(user=person, left_on=form.cleaned_data["left_on"])
        messages.success(
            request,
            _("%(name)s ist als ausgeschieden vermerkt.")
            % {"name": person.get_full_name()},
        )
        return redirect("staff:edit", user_id=person.pk)
    return render(
        request,
        "lms/staff/leave.html",
        {"profile": profile, "form": form, "is_self": is_self},
    )


@login_required
@permission_required("lms.change_staffprofile", raise_exception=True)
@require_POST
def staff_return_view(request, user_id: int):
    """Undo a leaving date (entered by mistake, or the person came back)."""
    person = _manageable_profile(request, user_id).user
    try:
        person_mark_returned(user=person)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(name)s ist wieder als beschäftigt vermerkt.")
            % {"name": person.get_full_name()},
        )
    return redirect("staff:edit", user_id=person.pk)


@login_required
def staff_erase_view(request, user_id: int):
    """Administrators only: GET says what will be removed, POST erases (§7.6)."""
    if not is_administrator(request.user):
        raise PermissionDenied
    profile = staff_member_get(user_id=user_id)
    if profile is None:
        raise Http404
    person = profile.user
    error = ""
    if request.method == "POST":
        try:
            record = person_erase(user=person, actor=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _(
                    "Die Person ist gelöscht; ihre Einträge tragen jetzt das "
                    "Pseudonym %(pseudonym)s."
                )
                % {"pseudonym": record.pseudonym},
            )
            return redirect("staff:list")
    return render(
        request,
        "lms/staff/erase.html",
        {"profile": profile, "error": error},
    )
