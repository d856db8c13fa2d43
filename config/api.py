"""The `/api/v1/` router and the one exception handler every app's API uses.

Every API error is `{"detail": "<German sentence>", "errors": {...}}`.
"""

import math

from django.urls import include, path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

urlpatterns = [
    path("sandbox/", include("sandbox.api.urls")),
    path("courses/", include("courses.api.urls")),
    path("", include("lms.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
]


def only_public_api(endpoints):
    """Document only our API under /api/v1/, not Wagtail's internal admin API."""
    return [e for e in endpoints if e[0].startswith("/api/v1/")]


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        errors = data if isinstance(data, dict) else {"non_field_errors": data}
        non_field = errors.get("non_field_errors")
        # A ValidationError may bring its own sentence that sums the errors up.
        detail = getattr(exc, "summary", None) or (
            str(non_field[0]) if non_field else _("Die Eingaben sind ungültig.")
        )
        response.data = {"detail": detail, "errors": errors}
    elif isinstance(exc, exceptions.Throttled):
        # DRF's own German ("Erwarte Verfügbarkeit in …") reads like a machine's.
        response.data = {"detail": throttled_detail(exc.wait), "errors": {}}
    elif isinstance(data, dict) and "detail" in data:
        response.data = {"detail": str(data["detail"]), "errors": {}}
    else:
        response.data = {"detail": _("Die Anfrage ist fehlgeschlagen."), "errors": data}
    return response


def throttled_detail(wait: float | None) -> str:
    if wait is None:
        return _("Zu viele Anfragen. Bitte versuchen Sie es später erneut.")
    seconds = math.ceil(wait)
    return ngettext(
        "Zu viele Anfragen. Bitte versuchen Sie es in %(seconds)d Sekunde erneut.",
        "Zu viele Anfragen. Bitte versuchen Sie es in %(seconds)d Sekunden erneut.",
        seconds,
    ) % {"seconds": seconds}
