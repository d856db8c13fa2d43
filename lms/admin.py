from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from lms.models import OrgUnit, StaffProfile


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "parent"]
    list_select_related = ["parent"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["parent"]
    filter_horizontal = ["heads"]


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
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
