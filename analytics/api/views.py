"""The analytics API: readiness per unit (aggregates), my own readiness, adoption."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from analytics.api.permissions import (
    IsStaffMember,
    MayReportAdoption,
    MayViewDashboards,
)
from analytics.api.serializers import (
    AdoptionFigureSerializer,
    AdoptionReportResponseSerializer,
    MyReadinessResponseSerializer,
    ReadinessResponseSerializer,
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
from lms.selectors.readiness import org_units_plain


class ReadinessView(APIView):
    """Readiness per org unit for one process: aggregates over ≥ 5 people only."""

    permission_classes = [IsAuthenticated, MayViewDashboards]

    @extend_schema(
        parameters=[
            OpenApiParameter("process", str, required=True),
            OpenApiParameter("org_unit", str, required=False),
        ],
        responses=ReadinessResponseSerializer,
    )
    def get(self, request):
        process = request.query_params.get("process", "")
        if process not in process_scopes():
            raise exceptions.ValidationError(
                {"process": [_("Zu diesem Prozess gibt es keine Auswertung.")]}
            )
        scope = dashboard_unit_scope(request.user)
        assert scope is not None  # MayViewDashboards
        root_id = None
        code = request.query_params.get("org_unit")
        if code:
            unit = next((u for u in org_units_plain() if u["code"] == code), None)
            if unit is None or not unit_visible(scope, unit["id"]):
                raise exceptions.ValidationError(
                    {
                        "org_unit": [
                            _("Diese Organisationseinheit können Sie nicht auswerten.")
                        ]
                    }
                )
            root_id = unit["id"]
        table = readiness_table(
            process_ids=[process], visible=scope, root_unit_id=root_id
        )
        access_log_record(
            user=request.user,
            action=AccessLog.Action.API,
            target="api:readiness",
            filters={"process": process, "org_unit": code or ""},
        )
        return Response(
            {
                "formula_version": FORMULA_VERSION,
                "cells": [cell.as_api() for cell in table.cells],
            }
        )


class MyReadinessView(APIView):
    """My own readiness per process, with the barrier point and a next step."""

    permission_classes = [IsAuthenticated, IsStaffMember]

    @extend_schema(responses=MyReadinessResponseSerializer)
    def get(self, request):
        return Response(
            {
                "formula_version": FORMULA_VERSION,
                "processes": [item.as_api() for item in my_readiness(request.user)],
            }
        )


class AdoptionView(APIView):
    """Adoption figures per unit, process and ISO week (cases, never people)."""

    permission_classes = [IsAuthenticated, MayReportAdoption]

    @extend_schema(
        parameters=[
            OpenApiParameter("process", str, required=False),
            OpenApiParameter("org_unit", str, required=False),
        ],
        responses=AdoptionFigureSerializer(many=True),
    )
    def get(self, request):
        return Response(
            adoption_figures(
                process_id=request.query_params.get("process") or None,
                org_unit_code=request.query_params.get("org_unit") or None,
            )
        )

    @extend_schema(
        request=AdoptionFigureSerializer(many=True),
        responses={200: AdoptionReportResponseSerializer},
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
