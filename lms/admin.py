"""Django admin registrations; every write that changes training goes through services.

A person's unit and roles decide which assignment rules apply, so the staff profile
and user pages save through the services that queue a rule run for that person.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from lms.models import (
    AssignmentRule,
    ErasureRecord,
    Exemption,
    OrgUnit,
    StaffProfile,
)
from lms.selectors import content
from lms.services.org import staff_profile_save
from lms.services.rules import (
    assignment_rule_delete,
    assignment_rule_save,
    exemption_create,
    exemption_delete,
    rules_apply_queue,
)

User = get_user_model()


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "parent"]
    list_select_related = ["parent"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["parent"]
    filter_horizontal = ["heads"]


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    """For administrators: its form can attach a profile to any account.

    The training admin edits people on the staff page under /organisation/, which
    keeps administrator accounts out of reach.
    """

    list_display = ["__str__", "org_unit", "job_title"]
    list_select_related = ["user", "org_unit"]
    list_filter = ["org_unit"]
    search_fields = [
        "personnel_number",
        "user__last_name",
        "user__first_name",
        "user__email",
    ]
    autocomplete_fields = ["user", "org_unit"]
    change_list_template = "admin/lms/staffprofile/change_list.html"

    @admin.display(description=_("Name"))
    def name(self, obj):
        return obj.user.get_full_name()

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        staff_profile_save(profile=obj)


# Importing UserAdmin above registered Django's own; ours adds the rule run.
admin.site.unregister(User)


@admin.register(User)
class LotseUserAdmin(UserAdmin):
    def save_related(self, request, form, formsets, change):
        """Groups are saved here: changed roles may change which rules apply."""
        super().save_related(request, form, formsets, change)
        rules_apply_queue(user_ids=[form.instance.pk])


# --- Learning core: assignment rules and exemptions (writes go through services) ---


def _course_choices():
    outlines = [content.course_outline(cid) for cid in content.course_ids_live()]
    return [(o.id, o.info.title) for o in outlines if o is not None]


class _CourseChoiceForm(forms.ModelForm):
    course_id = forms.TypedChoiceField(label=_("Kurs"), coerce=int, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = _course_choices()
        current = self.initial.get("course_id")
        if current and current not in {c for c, _t in choices}:
            choices.append((current, _("Kurs %s (nicht veröffentlicht)") % current))
        self.fields["course_id"].choices = choices


class AssignmentRuleForm(_CourseChoiceForm):
    class Meta:
        model = AssignmentRule
        fields = [
            "course_id",
            "org_unit",
            "role",
            "job_title",
            "due_days",
            "recertify_months",
            "starts_on",
            "is_active",
        ]


class _PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.last_name}, {obj.first_name} ({obj.username})"


class ExemptionForm(_CourseChoiceForm):
    # A plain list, not an autocomplete: that would need access to the user admin,
    # which only administrators have.
    user = _PersonChoiceField(
        label=_("Person"),
        queryset=User.objects.filter(is_active=True).order_by(
            "last_name", "first_name", "username"
        ),
    )

    class Meta:
        model = Exemption
        fields = ["user", "course_id", "reason"]


class _AdministratorsOnly:
    """The training admin keeps rules and exemptions on /organisation/regeln/; here
    only administrators see them."""

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(AssignmentRule)
class AssignmentRuleAdmin(_AdministratorsOnly, admin.ModelAdmin):
    form = AssignmentRuleForm
    list_display = [
        "course_title",
        "org_unit",
        "role",
        "job_title",
        "due_days",
        "recertify_months",
        "starts_on",
        "is_active",
    ]
    list_filter = ["is_active", "role"]
    list_select_related = ["org_unit"]
    autocomplete_fields = ["org_unit"]

    @admin.display(description=_("Kurs"))
    def course_title(self, obj):
        outline = content.course_outline(obj.course_id)
        return outline.info.title if outline else obj.course_id

    def save_model(self, request, obj, form, change):
        assignment_rule_save(rule=obj)

    def delete_model(self, request, obj):
        assignment_rule_delete(rule=obj)

    def delete_queryset(self, request, queryset):
        for rule in queryset:
            assignment_rule_delete(rule=rule)


@admin.register(Exemption)
class ExemptionAdmin(_AdministratorsOnly, admin.ModelAdmin):
    form = ExemptionForm
    list_display = ["user", "course_id", "reason", "created_by", "created_at"]
    list_select_related = ["user", "created_by"]
    search_fields = ["user__last_name", "user__first_name", "reason"]

    def has_change_permission(self, request, obj=None):
        return False if obj is not None else super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        exemption_create(
            user=obj.user,
            course_id=obj.course_id,
            reason=obj.reason,
            actor=request.user,
        )

    def delete_model(self, request, obj):
        exemption_delete(exemption=obj)

    def delete_queryset(self, request, queryset):
        for exemption in queryset:
            exemption_delete(exemption=exemption)


@admin.register(ErasureRecord)
class ErasureRecordAdmin(admin.ModelAdmin):
    """The log of erasures for administrators: who and when, never whom by name.
    Written only by `person_erase`; nobody changes or deletes it here."""

    list_display = ["performed_at", "performed_by", "reason", "pseudonym"]
    list_select_related = ["performed_by"]
    list_filter = ["reason"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
