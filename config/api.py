"""The `/api/v1/` router and the one exception handler every app's API uses.

Every API error is `{"detail": "<German sentence>", "errors": {...}}`: from DRF
views through `exception_handler`, and from Django itself (no URL matched, a body
over the upload limit, a crash) through the `handler400/403/404/500` below, which
answer JSON under /api/ and the project's pages elsewhere. The schema documents
that shape for every operation.
"""

import math

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import include, path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

from config.middleware import RefusedInput
from lms.views import org as pages

urlpatterns = [
    path("sandbox/", include("sandbox.api.urls")),
    path("courses/", include("exchange.api.course_urls")),
    path("courses/", include("courses.api.urls")),
    path("", include("analytics.api.urls")),
    path("xapi/", include("exchange.api.xapi_urls")),
    path("exchange/", include("exchange.api.catalogue_urls")),
    path("", include("lms.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
]

API_PREFIX = "/api/"


def only_public_api(endpoints):
    """Document only our API under /api/v1/, not Wagtail's internal admin API."""
    return [e for e in endpoints if e[0].startswith("/api/v1/")]


# --- The one error shape -------------------------------------------------------------


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
    elif isinstance(exc, exceptions.ParseError) and str(exc.detail).startswith(
        ("JSON parse error", "Multipart form parse error", "Unsupported charset")
    ):
        # DRF's own parsers explain in English and quote the parser's internals.
        response.data = {
            "detail": _("Der Inhalt der Anfrage ist ungültig."),
            "errors": {},
        }
    elif isinstance(data, dict) and "detail" in data:
        response.data = {"detail": str(data["detail"]), "errors": {}}
    else:
        errors = data if isinstance(data, dict) else {"non_field_errors": data}
        response.data = {
            "detail": _("Die Anfrage ist fehlgeschlagen."),
            "errors": errors,
        }
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


# --- Django's own errors: JSON under /api/, the project's pages elsewhere ----------------


def _is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def _error(detail: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": detail, "errors": {}}, status=status)


def bad_request(request, exception=None):
    if isinstance(exception, RefusedInput):
        message = str(exception)
    elif isinstance(exception, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
        message = _("Die Anfrage ist größer als %(limit)d MB.") % {"limit": limit}
    else:  # Django's other reasons are for the log, not for the person
        message = ""
    if not _is_api(request):
        return render(request, "400.html", {"message": message}, status=400)
    return _error(message or _("Die Anfrage ist ungültig."), 400)


def permission_denied(request, exception=None):
    if not _is_api(request):
        return pages.permission_denied(request, exception)
    return _error(_("Sie haben keine Berechtigung für diese Aktion."), 403)


def page_not_found(request, exception=None):
    if not _is_api(request):
        return pages.page_not_found(request, exception)
    return _error(_("Diese Adresse gibt es in der Schnittstelle nicht."), 404)


@csrf_exempt
def no_such_endpoint(request):
    """Anything under /api/ that matches no endpoint, whatever the method: a JSON
    404 here, before Wagtail's catch-all takes it for a page (and a POST for a
    form without a CSRF token)."""
    return page_not_found(request)


def server_error(request):
    if not _is_api(request):
        return defaults.server_error(request)
    return _error(
        _("Ein interner Fehler ist aufgetreten. Bitte versuchen Sie es später erneut."),
        500,
    )


# --- The schema ----------------------------------------------------------------------


ERROR_SCHEMA = {
    "type": "object",
    "description": "Jeder Fehler: ein deutscher Satz und die Fehler je Feld.",
    "properties": {
        "detail": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": True},
    },
    "required": ["detail", "errors"],
    "additionalProperties": False,
}
ERROR_RESPONSES = {
    "400": "Ungültige Anfrage oder Eingaben",
    "401": "Nicht angemeldet",
    "403": "Keine Berechtigung",
    "404": "Nicht gefunden",
    "429": "Zu viele Anfragen",
}
BODY_ERROR_RESPONSES = {"415": "Der Inhalt hat einen nicht unterstützten Medientyp"}
LIST_ERROR_EXAMPLE = {
    "detail": "Die Anfrage ist ungültig.",
    "errors": {"page_size": ["Bitte eine ganze Zahl von 1 bis 200 angeben."]},
}
ERROR_EXAMPLES = {
    "400": {
        "detail": "Die Eingaben sind ungültig.",
        "errors": {"feld": ["Dieses Feld ist erforderlich."]},
    },
    "401": {"detail": "Anmeldedaten fehlen.", "errors": {}},
    "403": {"detail": "Sie haben keine Berechtigung für diese Aktion.", "errors": {}},
    "404": {"detail": "Nicht gefunden.", "errors": {}},
    "429": {
        "detail": "Zu viele Anfragen. Bitte versuchen Sie es in 30 Sekunden erneut.",
        "errors": {},
    },
    "415": {
        "detail": "Nicht unterstützter Medientyp „text/plain“ in der Anfrage.",
        "errors": {},
    },
}


def _error_example(operation: dict, status: str) -> dict:
    parameters = {p.get("name") for p in operation.get("parameters", [])}
    if status == "400" and "page_size" in parameters:
        return LIST_ERROR_EXAMPLE
    return ERROR_EXAMPLES[status]


def document_errors(result, generator, request, public):
    """Every operation answers errors in the one shape; say so in the schema, with
    the operation's own error examples or one for the status."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = (
        ERROR_SCHEMA
    )
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            statuses = dict(ERROR_RESPONSES)
            if "requestBody" in operation:
                statuses.update(BODY_ERROR_RESPONSES)
            for status, description in statuses.items():
                documented = responses.get(status) or {}
                examples = {
                    name: example
                    for content in (documented.get("content") or {}).values()
                    for name, example in (content.get("examples") or {}).items()
                } or {description: {"value": _error_example(operation, status)}}
                responses[status] = {
                    "description": documented.get("description") or description,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/Error"},
                            "examples": examples,
                        }
                    },
                }
    return result
