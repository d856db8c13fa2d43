"""Assignment rules and exemptions on Lotse's own pages (training admin).

Creating or changing a rule takes two steps: "Vorschau" shows how many people the
rule covers and how many would be newly enrolled; "Regel speichern" saves it and
applies the rules at once, and the list then says what happened.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from lms.models import AssignmentRule, Exemption
from lms.rule_forms import AssignmentRuleForm, ExemptionForm
from lms.selectors.rules import (
    course_titles,
    exemptions_listed,
    rule_covered_user_ids,
    rule_preview,
    rules_listed,
)
from lms.services.rules import (
    RulesResult,
    assignment_rule_deactivate,
    assignment_rule_save_and_apply,
    exemption_create,
    exemption_delete,
)

may_view = permission_required("lms.view_assignmentrule", raise_exception=True)
may_change = permission_required("lms.change_assignmentrule", raise_exception=True)


def _outcome(result: RulesResult) -> str:
    parts = [
        ngettext(
            "%(n)d Person neu eingeschrieben",
            "%(n)d Personen neu eingeschrieben",
            result.created + result.reactivated,
        )
        % {"n": result.created + result.reactivated},
        ngettext(
            "%(n)d offene Einschreibung nicht mehr verpflichtend",
            "%(n)d offene Einschreibungen nicht mehr verpflichtend",
            result.withdrawn,
        )
        % {"n": result.withdrawn},
    ]
    if result.cycles_opened:
        parts.append(
            ngettext(
                "%(n)d Wiederholung begonnen",
                "%(n)d Wiederholungen begonnen",
                result.cycles_opened,
            )
            % {"n": result.cycles_opened}
        )
    return ", ".join(parts) + "."


@login_required
@may_view
@require_GET
def rule_list_view(request):
    rules = list(rules_listed())
    exemptions = list(exemptions_listed())
    titles = course_titles(
        [r.course_id for r in rules] + [e.course_id for e in exemptions]
    )
    return render(
        request,
        "lms/rules/list.html",
        {
            "rules": [(r, titles.get(r.course_id)) for r in rules],
            "exemptions": [(e, titles.get(e.course_id)) for e in exemptions],
        },
    )


def _add_errors(form, exc: ValidationError) -> None:
    by_field = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for field, field_messages in by_field.items():
        form.add_error(field if field in form.fields else None, field_messages)


def _rule_form_page(request, rule: AssignmentRule | None):
    """Shared by create and edit: preview first, then save."""
    creating = rule is None
    instance = rule or AssignmentRule()
    preview = None
    if request.method == "POST":
        form = AssignmentRuleForm(request.POST, instance=instance)
        if form.is_valid():
            candidate = form.save(commit=False)
            if request.POST.get("aktion") == "speichern":
                try:
                    result = assignment_rule_save_and_apply(rule=candidate)
                except ValidationError as exc:
                    _add_errors(form, exc)
                else:
                    messages.success(
                        request,
                        (
                            _("Die Regel ist angelegt: %(outcome)s")
                            if creating
                            else _("Die Regel ist geändert: %(outcome)s")
                        )
                        % {"outcome": _outcome(result)},
                    )
                    return redirect("rules:list")
            else:
                preview = rule_preview(candidate)
    else:
        form = AssignmentRuleForm(instance=instance)
    return render(
        request,
        "lms/rules/edit.html",
        {"form": form, "rule": rule, "creating": creating, "preview": preview},
    )


@login_required
@permission_required("lms.add_assignmentrule", raise_exception=True)
@require_http_methods(["GET", "POST"])
def rule_create_view(request):
    return _rule_form_page(request, None)


@login_required
@may_change
@require_http_methods(["GET", "POST"])
def rule_edit_view(request, rule_id: int):
    return _rule_form_page(request, get_object_or_404(AssignmentRule, pk=rule_id))


@login_required
@may_change
@require_http_methods(["GET", "POST"])
def rule_deactivate_view(request, rule_id: int):
    """GET asks for confirmation (with the number of people covered), POST switches off."""
    rule = get_object_or_404(AssignmentRule, pk=rule_id)
    if request.method == "POST":
        result = assignment_rule_deactivate(rule=rule)
        messages.success(
            request,
            _("Die Regel ist deaktiviert: %(outcome)s") % {"outcome": _outcome(result)},
        )
        return redirect("rules:list")
    return render(
        request,
        "lms/rules/deactivate.html",
        {
            "rule": rule,
            "title": course_titles([rule.course_id]).get(rule.course_id),
            "covered": len(rule_covered_user_ids(rule)),
        },
    )


@login_required
@permission_required("lms.add_exemption", raise_exception=True)
@require_http_methods(["GET", "POST"])
def exemption_create_view(request):
    if request.method == "POST":
        form = ExemptionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                exemption_create(
                    user=data["user"],
                    course_id=data["course_id"],
                    reason=data["reason"],
                    actor=request.user,
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("%(name)s ist von dieser Pflichtschulung befreit.")
                    % {"name": data["user"].get_full_name()},
                )
                return redirect("rules:list")
    else:
        form = ExemptionForm()
    return render(request, "lms/rules/exemption_create.html", {"form": form})


@login_required
@permission_required("lms.delete_exemption", raise_exception=True)
@require_http_methods(["GET", "POST"])
def exemption_delete_view(request, exemption_id: int):
    """GET asks for confirmation, POST lifts the exemption (the rules apply again)."""
    exemption = get_object_or_404(
        Exemption.objects.select_related("user"), pk=exemption_id
    )
    if request.method == "POST":
        name = exemption.user.get_full_name()
        exemption_delete(exemption=exemption)
        messages.success(
            request,
            _("Die Befreiung von %(name)s ist aufgehoben.") % {"name": name},
        )
        return redirect("rules:list")
    return render(
        request,
        "lms/rules/exemption_delete.html",
        {
            "exemption": exemption,
            "title": course_titles([exemption.course_id]).get(exemption.course_id),
        },
    )
