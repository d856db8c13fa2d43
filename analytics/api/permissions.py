from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from analytics.api.authentication import is_api_client
from analytics.selectors.dashboard import may_view_dashboards
from lms import roles
from lms.selectors.org import user_roles


class MayViewDashboards(BasePermission):
    """Heads (their subtrees), the training admin and administrators."""

    message = _("Auswertungen sehen nur Amtsleitungen und die Personalentwicklung.")

    def has_permission(self, request, view) -> bool:
        return may_view_dashboards(request.user)


class MayReportAdoption(BasePermission):
    """The training admin, administrators and the adoption API client."""

    message = _(
        "Nutzungszahlen melden nur Personalentwicklung, Administration und die Schnittstelle."
    )

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not user.is_authenticated:
            return False
        return bool(
            user_roles(user) & {roles.TRAINING_ADMIN, roles.ADMIN}
        ) or is_api_client(user)


class IsStaffMember(BasePermission):
    """Any signed-in person who is not the API client."""

    def has_permission(self, request, view) -> bool:
        return request.user.is_authenticated and not is_api_client(request.user)
