"""Who may upload and publish process packages over the API."""

from django.utils.translation import gettext_lazy
from rest_framework import permissions

from ..models import PUBLISH_PERMISSION, UPLOAD_PERMISSION


class CanUploadPackages(permissions.BasePermission):
    message = gettext_lazy("Sie dürfen keine Prozesspakete hochladen.")

    def has_permission(self, request, view):
        return bool(
            request.user
            and request.user.is_authenticated
            and request.user.has_perm(UPLOAD_PERMISSION)
        )


class CanPublishPackages(permissions.BasePermission):
    message = gettext_lazy("Sie dürfen keine Prozesspakete freigeben.")

    def has_permission(self, request, view):
        return bool(
            request.user
            and request.user.is_authenticated
            and request.user.has_perm(PUBLISH_PERMISSION)
        )
