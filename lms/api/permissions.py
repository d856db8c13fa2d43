from rest_framework.permissions import BasePermission

from lms import roles
from lms.selectors.org import user_roles


class IsTrainingAdminOrAdmin(BasePermission):
    message = "Nur Personalentwicklung und Administration dürfen das sehen."

    def has_permission(self, request, view) -> bool:
        return bool(user_roles(request.user) & {roles.TRAINING_ADMIN, roles.ADMIN})
