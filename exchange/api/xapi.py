"""The learning-event log as xAPI 1.0.3 statements, for an external LRS."""

import datetime

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from exchange import selectors, xapi
from exchange.api.views import InvalidInput
from exchange.models import XAPI_READ_PERMISSION

DEFAULT_LIMIT = 100
MAX_LIMIT = 500

EXAMPLE = {
    "statements": [
        {
            "id": "0d9c8a35-6c0c-5b8e-9f5e-2f3f0c9f6a11",
            "actor": {
                "objectType": "Agent",
                "account": {
                    "homePage": "https://lotse.musterstadt.de",
                    "name": "3f2a9c0e1b7d4e5f8a6b2c1d0e9f8a7b",
                },
            },
            "verb": {
                "id": "http://adlnet.gov/expapi/verbs/passed",
                "display": {"de-DE": "bestanden", "en-US": "passed"},
            },
            "object": {
                "objectType": "Activity",
                "id": "https://lotse.musterstadt.de/xapi/activities/quiz/12%3Aquiz-1",
                "definition": {
                    "type": "http://adlnet.gov/expapi/activities/assessment"
                },
            },
            "result": {
                "score": {"scaled": 0.9, "raw": 90, "min": 0, "max": 100},
                "success": True,
            },
            "timestamp": "2026-11-30T08:15:00+00:00",
            "version": "1.0.3",
            "context": {"platform": "Lotse", "language": "de-DE"},
        }
    ],
    "more": "/api/v1/xapi/statements/?after=4711&limit=100",
}


class CanReadStatements(BasePermission):
    message = gettext_lazy(
        "Nur die Administration und LRS-Clients dürfen xAPI-Aussagen lesen."
    )

    def has_permission(self, request, view) -> bool:
        return request.user.has_perm(XAPI_READ_PERMISSION)


def _int(value: str | None, name: str, default: int, maximum: int) -> int:
    if value in (None, ""):
        return default
    # ASCII digits only: "³" is a digit to str.isdigit() but not to int().
    plain = value.isascii() and value.isdigit() and len(value) <= 18
    if not plain or int(value) > maximum:
        raise InvalidInput(
            _("Die Anfrage ist ungültig."),
            {
                name: [
                    _("Bitte eine ganze Zahl von 0 bis %(max)d angeben.")
                    % {"max": maximum}
                ]
            },
        )
    return int(value)


class StatementListView(APIView):
    """Lernereignisse als xAPI-1.0.3-Aussagen (Statements), ältestes zuerst. Die
    Person erscheint nur als Konto mit Pseudonym, nie mit Namen oder E-Mail.
    `more` enthält die Adresse der nächsten Seite (leer, wenn es keine gibt), wie
    die xAPI-Spezifikation es vorsieht. Für die Administration und die Gruppe
    „LRS-Client“."""

    permission_classes = [IsAuthenticated, CanReadStatements]

    @extend_schema(
        operation_id="xapi_statements_list",
        summary="xAPI-Aussagen lesen",
        parameters=[
            OpenApiParameter(
                "since",
                OpenApiTypes.DATETIME,
                description="Nur Aussagen mit Zeitstempel ab diesem Zeitpunkt (ISO 8601).",
            ),
            OpenApiParameter(
                "limit",
                OpenApiTypes.INT,
                description=f"Aussagen je Seite, höchstens {MAX_LIMIT} (Vorgabe {DEFAULT_LIMIT}).",
            ),
            OpenApiParameter(
                "after",
                OpenApiTypes.INT,
                description="Fortsetzung: aus der Adresse in `more` übernehmen.",
            ),
        ],
        responses={
            200: inline_serializer(
                "XapiStatementResult",
                {
                    "statements": serializers.ListField(
                        child=serializers.DictField(),
                        help_text="xAPI-1.0.3-Aussagen",
                    ),
                    "more": serializers.CharField(
                        help_text="Adresse der nächsten Seite, leer am Ende"
                    ),
                },
            )
        },
        examples=[OpenApiExample("Eine Seite", value=EXAMPLE, response_only=True)],
        tags=["xapi"],
    )
    def get(self, request):
        limit = max(
            1, _int(request.GET.get("limit"), "limit", DEFAULT_LIMIT, MAX_LIMIT)
        )
        after = _int(request.GET.get("after"), "after", 0, 2**53 - 1)
        since_text = request.GET.get("since")
        since = None
        if since_text:
            try:
                since = parse_datetime(since_text)
                # PostgreSQL takes offsets up to ±15:59 only; UTC always fits.
                if since is not None and since.tzinfo is not None:
                    since = since.astimezone(datetime.UTC)
            except (ValueError, OverflowError):
                since = None
            if since is None or since.tzinfo is None:
                raise InvalidInput(
                    _("Die Anfrage ist ungültig."),
                    {
                        "since": [
                            _(
                                "Bitte einen Zeitpunkt nach ISO 8601 mit Zeitzone "
                                "angeben, z. B. 2026-11-30T08:00:00Z."
                            )
                        ]
                    },
                )
        events = selectors.learning_events_for_xapi(
            after_id=after, since=since, limit=limit + 1
        )
        more = ""
        if len(events) > limit:
            events = events[:limit]
            query = request.GET.copy()
            query["after"] = str(events[-1].pk)
            query["limit"] = str(limit)
            more = f"{request.path}?{query.urlencode()}"
        response = Response(
            {"statements": [xapi.statement(e) for e in events], "more": more}
        )
        response["X-Experience-API-Version"] = xapi.XAPI_VERSION
        return response
