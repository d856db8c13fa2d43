"""The analytics API: readiness per unit (aggregates), my own readiness, adoption."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from analytics.api.pagination import ReadinessPagination
from analytics.api.permissions import (
    IsStaffMember,
    MayReportAdoption,
    MayViewDashboards,
)
from analytics.api.serializers import (
    AdoptionFigureSerializer,
    AdoptionReportResponseSerializer,
    MyReadinessSerializer,
    ReadinessCellSerializer,
)
from analytics.formula import FORMULA_VERSION
from analytics.models import AccessLog
from analytics.selectors.adoption import adoption_figures
from analytics.selectors.dashboard import (
    dashboard_unit_scope,
    readiness_table,
    unit_visible,
)
from analytics.selectors.me import my_readiness
from analytics.selectors.scope import process_scopes
from analytics.services.access_log import access_log_record
from analytics.services.adoption import AdoptionError, adoption_figures_report
from common.api_schema import error_response
from lms.selectors.readiness import org_units_plain

EXAMPLE_CELL = {
    "org_unit": "32",
    "process": "hund_anmelden",
    "n": 24,
    "suppressed": False,
    "readiness": 71.5,
    "ready_share": 0.625,
    "barriers": {"A": 0.1, "D": 0.05, "K": 0.15, "Ab": 0.05, "R": 0.025, "none": 0.625},
    "adoption": 0.4,
}
EXAMPLE_FIGURE = {
    "org_unit": "32",
    "process": "hund_anmelden",
    "week": "2026-W47",
    "digital": 31,
    "total": 40,
}


def _invalid(field: str, message: str) -> exceptions.ValidationError:
    return exceptions.ValidationError({field: [message]})


@extend_schema(
    summary="Bereitschaft je Einheit",
    description=(
        "Die Bereitschaft je Organisationseinheit für einen Prozess, in Baumordnung: "
        "nur Zusammenfassungen über mindestens 5 Personen (sonst `suppressed`). Für "
        "Amtsleitungen (ihre Einheiten), Personalentwicklung und Administration; "
        "jeder Abruf wird protokolliert."
    ),
    parameters=[
        OpenApiParameter("process", str, required=True, description="ID des Prozesses"),
        OpenApiParameter(
            "org_unit",
            str,
            required=False,
            description="Kürzel einer Einheit: nur sie und die Einheiten darunter",
        ),
    ],
    responses={
        200: ReadinessCellSerializer(many=True),
        400: error_response("Unbekannter Prozess, Einheit oder Listenparameter"),
    },
    examples=[
        OpenApiExample(
            "Zellen",
            value={
                "formula_version": "1",
                "count": 1,
                "next": None,
                "previous": None,
                "cells": [EXAMPLE_CELL],
            },
            response_only=True,
        ),
        OpenApiExample(
            "Unbekannter Prozess",
            value={
                "detail": "Die Eingaben sind ungültig.",
                "errors": {"process": ["Zu diesem Prozess gibt es keine Auswertung."]},
            },
            response_only=True,
            status_codes=["400"],
        ),
    ],
)
class ReadinessView(generics.ListAPIView):
    permission_classes = [IsAuthenticated, MayViewDashboards]
    serializer_class = ReadinessCellSerializer
    pagination_class = ReadinessPagination
    ordering_fields = {
        "org_unit": "org_unit",
        "readiness": "readiness",
        "ready_share": "ready_share",
        "adoption": "adoption",
    }

    def get_queryset(self):
        process = self.request.query_params.get("process", "")
        if process not in process_scopes():
            raise _invalid("process", _("Zu diesem Prozess gibt es keine Auswertung."))
        scope = dashboard_unit_scope(self.request.user)
        assert scope is not None  # MayViewDashboards
        root_id = None
        code = self.request.query_params.get("org_unit")
        if code:
            unit = next((u for u in org_units_plain() if u["code"] == code), None)
            if unit is None or not unit_visible(scope, unit["id"]):
                raise _invalid(
                    "org_unit",
                    _("Diese Organisationseinheit können Sie nicht auswerten."),
                )
            root_id = unit["id"]
        table = readiness_table(
            process_ids=[process], visible=scope, root_unit_id=root_id
        )
        return [cell.as_api() for cell in table.cells]

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        access_log_record(
            user=request.user,
            action=AccessLog.Action.API,
            target="api:readiness",
            filters={
                "process": request.query_params.get("process", ""),
                "org_unit": request.query_params.get("org_unit") or "",
            },
        )
        return response


@extend_schema(
    summary="Meine Bereitschaft",
    description=(
        "Meine eigene Bereitschaft je Prozess, mit der ersten Hürde und einem "
        "nächsten Schritt. Nur für mich; niemand sonst sieht sie je Person."
    ),
    examples=[
        OpenApiExample(
            "Prozess",
            value={
                "process": "hund_anmelden",
                "title": "Hund anmelden",
                "readiness": 64.0,
                "ready": False,
                "barrier": "K",
                "barrier_label": "Wissen",
                "next_step": {
                    "text": "Schließen Sie die Lektion „Was ändert sich?“ ab.",
                    "url": "https://lotse.musterstadt.de/kurse/hund/was-aendert-sich/",
                    "link_text": "Zur Lektion",
                },
                "day": "2026-11-30",
                "formula_version": "1",
            },
            response_only=True,
        )
    ],
)
class MyReadinessView(generics.ListAPIView):
    permission_classes = [IsAuthenticated, IsStaffMember]
    serializer_class = MyReadinessSerializer
    ordering_fields = {"process": "process", "readiness": "readiness"}

    def get_queryset(self):
        return [
            {**item.as_api(), "formula_version": FORMULA_VERSION}
            for item in my_readiness(self.request.user)
        ]


class AdoptionView(generics.ListAPIView):
    permission_classes = [IsAuthenticated, MayReportAdoption]
    serializer_class = AdoptionFigureSerializer
    ordering_fields = {"org_unit": "org_unit", "process": "process", "week": "week"}

    def get_queryset(self):
        return adoption_figures(
            process_id=self.request.query_params.get("process") or None,
            org_unit_code=self.request.query_params.get("org_unit") or None,
        )

    @extend_schema(
        summary="Nutzungszahlen lesen",
        description=(
            "Gemeldete Fallzahlen je Einheit, Prozess und ISO-Woche (Fälle, nie "
            "Personen), nach Einheit, Prozess und Woche."
        ),
        parameters=[
            OpenApiParameter("process", str, description="Nur dieser Prozess (ID)"),
            OpenApiParameter("org_unit", str, description="Nur diese Einheit (Kürzel)"),
        ],
        examples=[OpenApiExample("Woche", value=EXAMPLE_FIGURE, response_only=True)],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Nutzungszahlen melden",
        description=(
            "Meldet Fallzahlen je Einheit, Prozess und ISO-Woche (z. B. aus dem "
            "Fachverfahren); eine schon gemeldete Woche wird ersetzt. Ist ein Eintrag "
            "ungültig, wird nichts gespeichert; `errors` nennt die Einträge nach "
            "ihrer Position."
        ),
        request=AdoptionFigureSerializer(many=True),
        responses={
            200: AdoptionReportResponseSerializer,
            400: error_response("Ungültige Einträge; nichts gespeichert"),
        },
        examples=[
            OpenApiExample("Meldung", value=[EXAMPLE_FIGURE], request_only=True),
            OpenApiExample("Gespeichert", value={"stored": 1}, response_only=True),
            OpenApiExample(
                "Ein Eintrag ungültig",
                value={
                    "detail": "Nichts gespeichert: 1 Einträge sind ungültig.",
                    "errors": {"0": {"week": ["Bitte eine ISO-Woche wie 2026-W47."]}},
                },
                response_only=True,
                status_codes=["400"],
            ),
        ],
    )
    def post(self, request):
        rows = request.data
        if not isinstance(rows, list):
            raise exceptions.ValidationError(
                {
                    "non_field_errors": [
                        _(
                            "Erwartet wird eine Liste von Zahlen je Einheit, Prozess und Woche."
                        )
                    ]
                }
            )
        try:
            stored = adoption_figures_report(rows=rows)
        except AdoptionError as error:
            exc = exceptions.ValidationError(
                {str(index): problems for index, problems in error.errors.items()}
            )
            exc.summary = _(  # type: ignore[attr-defined]
                "Nichts gespeichert: %(count)s Einträge sind ungültig."
            ) % {"count": len(error.errors)}
            raise exc from None
        return Response({"stored": stored}, status=status.HTTP_200_OK)
