"""Token authentication that confines the adoption API client to its one endpoint.

A production system reports adoption figures with a token of an account in the
group ``API_CLIENT_GROUP``. That token opens exactly one door: anything else it
is sent to answers 403.
"""

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

API_CLIENT_GROUP = "Schnittstelle Nutzungszahlen"
API_CLIENT_PATH = "/api/v1/analytics/adoption/"


def is_api_client(user) -> bool:
    return user.is_authenticated and user.groups.filter(name=API_CLIENT_GROUP).exists()


class ConfinedTokenAuthentication(TokenAuthentication):
    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None and request.path != API_CLIENT_PATH:
            user, _token = result
            if is_api_client(user):
                raise exceptions.PermissionDenied(
                    _("Dieser Zugang darf nur Nutzungszahlen melden.")
                )
        return result
