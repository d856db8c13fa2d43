"""Thin DRF views: parse, call a service or selector, answer.

Errors are raised as DRF exceptions (``Http404`` and Django's ``PermissionDenied``
from selectors and services become DRF's ``NotFound`` and ``PermissionDenied``); the
project's exception handler shapes every error body as
``{"detail": "<sentence>", "errors": {...}}``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import exceptions, generics, permissions, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from common.api_schema import error_response

from .. import selectors, services
from .examples import (
    EXAMPLE_PACKAGE,
    EXAMPLE_PROCESS,
    EXAMPLE_RUN_SUMMARY,
    invalid_example,
    run_example,
)
from .permissions import CanPublishPackages, CanUploadPackages
from .serializers import (
    HintRequestSerializer,
    HintSerializer,
    PackageReviewSerializer,
    PackageSerializer,
    PackageUploadSerializer,
    ProcessSerializer,
    RunSerializer,
    RunStartSerializer,
    RunSummarySerializer,
    TaskSubmitSerializer,
)


class InvalidInput(exceptions.ValidationError):
    """A 400 with a sentence that sums it up: the exception handler makes
    ``summary`` the body's ``detail`` and the field errors its ``errors``."""

    def __init__(self, summary: str, errors: dict):
        super().__init__(errors)
        self.summary = summary


def _errors_of(exc: DjangoValidationError) -> dict[str, list[str]]:
    """A Django ``ValidationError`` as field → messages; Django's ``__all__``
    becomes DRF's ``non_field_errors``."""
    if not hasattr(exc, "error_dict"):
        return {api_settings.NON_FIELD_ERRORS_KEY: list(exc.messages)}
    return {
        api_settings.NON_FIELD_ERRORS_KEY if key == "__all__" else key: messages
        for key, messages in exc.message_dict.items()
    }


def _run_response(run, code=status.HTTP_200_OK) -> Response:
    view = selectors.run_view(run=run)
    return Response(RunSerializer.from_view(view), status=code)


class PackageUploadView(APIView):
    permission_classes = [CanUploadPackages]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        summary="Prozesspaket hochladen",
        description=(
            "Importiert ein Prozesspaket (ZIP mit BPMN und sandbox.json) als neue "
            "Version; `status` sagt, ob sie gleich gilt oder auf die Freigabe der "
            "Schulungsleitung wartet. Ein ungültiges Paket wird mit allen Problemen "
            "abgelehnt (400)."
        ),
        request=PackageUploadSerializer,
        responses={201: PackageSerializer, 400: error_response("Ungültiges Paket")},
        examples=[
            OpenApiExample(
                "Hochgeladen",
                value=EXAMPLE_PACKAGE,
                response_only=True,
                status_codes=["201"],
            ),
            invalid_example(
                "Das Paket wurde nicht importiert.",
                {"package": ["Im Paket fehlt die Datei sandbox.json."]},
            ),
        ],
    )
    def post(self, request):
        summary = _("Das Paket wurde nicht importiert.")
        upload = request.FILES.get("file")
        if upload is None:
            raise InvalidInput(
                summary,
                {"file": [_("Bitte wählen Sie eine ZIP-Datei aus (Feld „file“).")]},
            )
        try:
            package = services.package_import(file=upload, uploaded_by=request.user)
        except DjangoValidationError as exc:
            raise InvalidInput(summary, {"package": list(exc.messages)}) from None
        return Response(PackageSerializer(package).data, status=status.HTTP_201_CREATED)


class PackageReviewView(APIView):
    """Approve or reject a version that waits for review (lead trainers).
    Each subclass names its service and the sentence of a refusal."""

    permission_classes = [CanPublishPackages]
    parser_classes = [*api_settings.DEFAULT_PARSER_CLASSES, FormParser, MultiPartParser]
    summary: Any
    review: Callable[..., Any]

    @extend_schema(
        request=PackageReviewSerializer,
        responses={200: PackageSerializer, 400: error_response("Nicht möglich")},
        examples=[
            OpenApiExample(
                "Kommentar",
                value={"comment": "Die Gebühr im Fall „Labrador“ stimmt nicht."},
                request_only=True,
            ),
            invalid_example(
                "Die Version wurde nicht abgelehnt.",
                {"comment": ["Bitte begründen Sie die Ablehnung."]},
            ),
        ],
    )
    def post(self, request, package_id):
        package = selectors.package_get(package_id)
        serializer = PackageReviewSerializer(data=request.data)
        if not serializer.is_valid():
            raise InvalidInput(str(self.summary), serializer.errors)
        try:
            package = self.review(
                package=package,
                reviewed_by=request.user,
                comment=serializer.validated_data["comment"],
            )
        except DjangoValidationError as exc:
            raise InvalidInput(str(self.summary), _errors_of(exc)) from None
        return Response(PackageSerializer(package).data)


@extend_schema(
    summary="Version freigeben",
    description=(
        "Gibt eine Version frei, die auf Prüfung wartet: neue Durchläufe beginnen "
        "mit ihr. Für die Schulungsleitung; `comment` ist freiwillig."
    ),
    examples=[
        OpenApiExample(
            "Freigegeben",
            value={**EXAMPLE_PACKAGE, "status": "live"},
            response_only=True,
        )
    ],
)
class PackageApproveView(PackageReviewView):
    summary = gettext_lazy("Die Version wurde nicht freigegeben.")
    review = staticmethod(services.package_approve)


@extend_schema(
    summary="Version ablehnen",
    description=(
        "Lehnt eine Version ab, die auf Prüfung wartet, mit einem Kommentar "
        "(`comment`, Pflicht) für die hochladende Person; die geltende Version "
        "bleibt. Für die Schulungsleitung."
    ),
    examples=[
        OpenApiExample(
            "Abgelehnt",
            value={**EXAMPLE_PACKAGE, "status": "rejected"},
            response_only=True,
        )
    ],
)
class PackageRejectView(PackageReviewView):
    summary = gettext_lazy("Die Version wurde nicht abgelehnt.")
    review = staticmethod(services.package_reject)


@extend_schema(
    summary="Übungsprozesse",
    description=(
        "Die geltende Version jedes Übungsprozesses mit Bahnen und Fällen, nach Titel."
    ),
    examples=[
        OpenApiExample(
            "Prozess",
            value=EXAMPLE_PROCESS,
            response_only=True,
        )
    ],
)
class ProcessListView(generics.ListAPIView):
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = ProcessSerializer
    ordering_fields = {"process": "process_id", "title": "title"}

    def get_queryset(self):
        return selectors.process_list()


class RunListView(generics.ListAPIView):
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = RunSummarySerializer
    ordering_fields = {
        "started_at": "created_at",
        "process": "process_id",
        "status": "status",
        "score": "score",
    }

    def get_queryset(self):
        return selectors.runs_for_user(
            user=self.request.user,
            process_id=self.request.query_params.get("process") or None,
        )

    @extend_schema(
        summary="Meine Durchläufe",
        description="Meine Übungsdurchläufe, neueste zuerst.",
        parameters=[
            OpenApiParameter(
                "process", str, description="Nur Durchläufe dieses Prozesses (ID)"
            )
        ],
        examples=[
            OpenApiExample(
                "Durchlauf",
                value=EXAMPLE_RUN_SUMMARY,
                response_only=True,
            )
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Durchlauf beginnen",
        description=(
            "Beginnt einen Durchlauf eines Falls in einem Modus; ohne `version` mit "
            "der geltenden Version (eine andere nur als Vorschau für die hochladende "
            "Person und die Schulungsleitung)."
        ),
        request=RunStartSerializer,
        responses={201: RunSerializer, 400: error_response("Ungültige Eingaben")},
        examples=[
            OpenApiExample(
                "Üben",
                value={
                    "process": "hund_anmelden",
                    "case": "labrador",
                    "mode": "practice",
                },
                request_only=True,
            ),
            OpenApiExample(
                "Begonnen",
                value=run_example().value,
                response_only=True,
                status_codes=["201"],
            ),
            invalid_example(
                "Der Durchlauf wurde nicht gestartet.",
                {"case": ["Diesen Fall gibt es in diesem Prozess nicht."]},
            ),
        ],
    )
    def post(self, request):
        summary = _("Der Durchlauf wurde nicht gestartet.")
        serializer = RunStartSerializer(data=request.data)
        if not serializer.is_valid():
            raise InvalidInput(summary, serializer.errors)
        values = serializer.validated_data
        try:
            run = services.run_start(
                user=request.user,
                process_id=values["process"],
                case_id=values["case"],
                mode=values["mode"],
                lanes=values.get("lanes") or None,
                version=values.get("version"),
            )
        except DjangoValidationError as exc:
            raise InvalidInput(summary, _errors_of(exc)) from None
        return _run_response(run, status.HTTP_201_CREATED)


class RunDetailView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="Ein Durchlauf",
        description=(
            "Ein eigener Durchlauf: offene Schritte mit ihren Formularen, erledigte "
            "Schritte, am Ende Punkte und Befunde. Fremde Durchläufe gibt es nicht (404)."
        ),
        responses={200: RunSerializer},
        examples=[run_example()],
    )
    def get(self, request, run_id):
        run = selectors.run_get_for_user(run_id=run_id, user=request.user)
        return _run_response(run)


class RunSubmitView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="Schritt erledigen",
        description=(
            "Sendet die Eingaben eines offenen Schritts (`data`: Felder des Formulars, "
            '`{}` zum Bestätigen, `{"flow": …}` für eine Wahl); der Durchlauf geht '
            "weiter. Fehler je Feld: ein Satz."
        ),
        request=TaskSubmitSerializer,
        responses={200: RunSerializer, 400: error_response("Ungültige Eingaben")},
        examples=[
            OpenApiExample(
                "Formular", value={"data": {"rasse": "Labrador"}}, request_only=True
            ),
            run_example("Weiter"),
            invalid_example(
                "Bitte prüfen Sie Ihre Eingaben.",
                {"rasse": "Bitte füllen Sie dieses Feld aus."},
            ),
        ],
    )
    def post(self, request, run_id, task_id):
        run = selectors.run_get_for_user(run_id=run_id, user=request.user)
        serializer = TaskSubmitSerializer(data=request.data)
        if not serializer.is_valid():
            raise InvalidInput(_("Die Eingaben sind unvollständig."), serializer.errors)
        try:
            run = services.run_submit_task(
                run=run, task_id=task_id, data=serializer.validated_data["data"]
            )
        except DjangoValidationError as exc:
            # One message per field: a form field shows one error at a time.
            errors = {key: messages[0] for key, messages in _errors_of(exc).items()}
            raise InvalidInput(_("Bitte prüfen Sie Ihre Eingaben."), errors) from None
        return _run_response(run)


class RunHintView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="Hinweis nehmen",
        description=(
            "Der Hinweis zu einem offenen Schritt; im Modus Üben kostet er Punkte, "
            "in der Prüfung gibt es keinen."
        ),
        request=HintRequestSerializer,
        responses={200: HintSerializer, 400: error_response("Kein Hinweis")},
        examples=[
            OpenApiExample(
                "Schritt",
                value={"task": "8f0c2d4e-1b2a-4c3d-9e8f-7a6b5c4d3e2f"},
                request_only=True,
            ),
            OpenApiExample(
                "Hinweis",
                value={"hint": "Die Rasse steht im Antrag unter „Angaben zum Hund“."},
                response_only=True,
            ),
            invalid_example(
                "Es gibt keinen Hinweis.",
                {"task": ["Zu diesem Schritt gibt es keinen Hinweis."]},
            ),
        ],
    )
    def post(self, request, run_id):
        run = selectors.run_get_for_user(run_id=run_id, user=request.user)
        serializer = HintRequestSerializer(data=request.data)
        if not serializer.is_valid():
            raise InvalidInput(_("Bitte nennen Sie den Schritt."), serializer.errors)
        try:
            hint = services.run_take_hint(
                run=run, task_id=serializer.validated_data["task"]
            )
        except DjangoValidationError as exc:
            raise InvalidInput(_("Es gibt keinen Hinweis."), _errors_of(exc)) from None
        return Response({"hint": hint})


class RunResetView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="Durchlauf neu beginnen",
        description="Setzt einen eigenen Durchlauf an den Anfang zurück.",
        request=None,
        responses={200: RunSerializer},
        examples=[run_example("Zurückgesetzt", steps=[])],
    )
    def post(self, request, run_id):
        run = selectors.run_get_for_user(run_id=run_id, user=request.user)
        try:
            run = services.run_reset(run=run)
        except DjangoValidationError as exc:
            raise InvalidInput(
                _("Der Durchlauf wurde nicht zurückgesetzt."), _errors_of(exc)
            ) from None
        return _run_response(run)


class RunRepeatView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="Schritt wiederholen",
        description=(
            "Nimmt den letzten eigenen Schritt zurück, um ihn noch einmal zu spielen "
            "(im geführten Modus und beim Üben)."
        ),
        request=None,
        responses={200: RunSerializer},
        examples=[run_example("Schritt zurückgenommen")],
    )
    def post(self, request, run_id):
        run = selectors.run_get_for_user(run_id=run_id, user=request.user)
        try:
            run = services.run_repeat_step(run=run)
        except DjangoValidationError as exc:
            raise InvalidInput(
                _("Der Schritt kann nicht wiederholt werden."), _errors_of(exc)
            ) from None
        return _run_response(run)
