"""One exception handler: every API error is `{"detail": "...", "errors": {...}}`."""

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        errors = data if isinstance(data, dict) else {"non_field_errors": data}
        non_field = errors.get("non_field_errors")
        detail = str(non_field[0]) if non_field else _("Die Eingaben sind ungültig.")
        response.data = {"detail": detail, "errors": errors}
    elif isinstance(data, dict) and "detail" in data:
        response.data = {"detail": str(data["detail"]), "errors": {}}
    else:
        response.data = {"detail": _("Die Anfrage ist fehlgeschlagen."), "errors": data}
    return response
