"""Thin DRF views: parse, call a service or selector, answer."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import selectors, services
from .serializers import (
    HintRequestSerializer,
    HintSerializer,
    PackageCreatedSerializer,
    PackageUploadSerializer,
    ProcessSerializer,
    RunSerializer,
    RunStartSerializer,
    TaskSubmitSerializer,
)


class CanUploadPackages(permissions.BasePermission):
    message = "Sie dürfen keine Prozesspakete hochladen."

    def has_permission(self, request, view):
        return bool(
            request.user
            and request.user.is_authenticated
            and request.user.has_perm("sandbox.upload_processpackage")
        )


def _bad_request(detail: str, errors) -> Response:
    return Response(
        {"detail": detail, "errors": errors}, status=status.HTTP_400_BAD_REQUEST
    )


def _field_errors(exc: ValidationError) -> dict[str, list[str]] | list[str]:
    if hasattr(exc, "error_dict"):
        return {key: [str(m) for m in value] for key, value in exc.message_dict.items()}
    return list(exc.messages)


def _run_response(run, code=status.HTTP_200_OK) -> Response:
    view = selectors.run_view(run=run)
    return Response(RunSerializer.from_view(view), status=code)


class PackageUploadView(APIView):
    """Import a process package (zip) as a new version."""

    permission_classes = [CanUploadPackages]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request=PackageUploadSerializer, responses={201: PackageCreatedSerializer}
    )
    def post(self, request):
        upload = request.FILES.get("file")
        if upload is None:
            return _bad_request(
                "Das Paket wurde nicht importiert.",
                ["Bitte wählen Sie eine ZIP-Datei aus (Feld „file“)."],
            )
        try:
            package = services.package_import(file=upload, uploaded_by=request.user)
        except ValidationError as exc:
            return _bad_request("Das Paket wurde nicht importiert.", list(exc.messages))
        return Response(
            PackageCreatedSerializer(package).data, status=status.HTTP_201_CREATED
        )


class ProcessListView(APIView):
    """The latest version of every process with its lanes and cases."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={200: ProcessSerializer(many=True)})
    def get(self, request):
        return Response(ProcessSerializer(selectors.process_list(), many=True).data)


class RunListView(APIView):
    """Start a run (POST); list one's own runs (GET)."""

    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [JSONParser]

    @extend_schema(responses={200: RunSerializer(many=True)})
    def get(self, request):
        runs = selectors.runs_for_user(user=request.user)[:50]
        return Response(
            [
                {
                    "id": str(run.pk),
                    "process": run.process_id,
                    "version": run.version,
                    "case": run.case_id,
                    "mode": run.mode,
                    "status": run.status,
                    "score": run.score,
                    "passed": run.passed,
                }
                for run in runs
            ]
        )

    @extend_schema(request=RunStartSerializer, responses={201: RunSerializer})
    def post(self, request):
        serializer = RunStartSerializer(data=request.data)
        if not serializer.is_valid():
            return _bad_request(
                "Der Durchlauf wurde nicht gestartet.", serializer.errors
            )
        values = serializer.validated_data
        try:
            run = services.run_start(
                user=request.user,
                process_id=values["process"],
                case_id=values["case"],
                mode=values["mode"],
                lanes=values.get("lanes") or None,
            )
        except ValidationError as exc:
            return _bad_request(
                "Der Durchlauf wurde nicht gestartet.", _field_errors(exc)
            )
        return _run_response(run, status.HTTP_201_CREATED)


class RunDetailView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={200: RunSerializer})
    def get(self, request, run_id):
        run = selectors.run_get_for_user(run_id=run_id, user=request.user)
        return _run_response(run)


class RunSubmitView(APIView):
    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [JSONParser]

    @extend_schema(request=TaskSubmitSerializer, responses={200: RunSerializer})
    def post(self, request, run_id, task_id):
        run = selectors.run_get_for_user(run_id=run_id, user=request.user)
        serializer = TaskSubmitSerializer(data=request.data)
        if not serializer.is_valid():
            return _bad_request("Die Eingaben sind unvollständig.", serializer.errors)
        try:
            run = services.run_submit_task(
                run=run, task_id=task_id, data=serializer.validated_data["data"]
            )
        except ValidationError as exc:
            return _bad_request(
                "Bitte prüfen Sie Ihre Eingaben.",
                {key: value[0] for key, value in _field_errors(exc).items()}
                if hasattr(exc, "error_dict")
                else {"__all__": " ".join(exc.messages)},
            )
        return _run_response(run)


class RunHintView(APIView):
    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [JSONParser]

    @extend_schema(request=HintRequestSerializer, responses={200: HintSerializer})
    def post(self, request, run_id):
        run = selectors.run_get_for_user(run_id=run_id, user=request.user)
        serializer = HintRequestSerializer(data=request.data)
        if not serializer.is_valid():
            return _bad_request("Bitte nennen Sie den Schritt.", serializer.errors)
        try:
            hint = services.run_take_hint(
                run=run, task_id=serializer.validated_data["task"]
            )
        except DjangoPermissionDenied as exc:
            return Response(
                {"detail": str(exc) or "Nicht erlaubt.", "errors": None},
                status=status.HTTP_403_FORBIDDEN,
            )
        except ValidationError as exc:
            return _bad_request("Es gibt keinen Hinweis.", _field_errors(exc))
        return Response({"hint": hint})


class RunResetView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=None, responses={200: RunSerializer})
    def post(self, request, run_id):
        run = selectors.run_get_for_user(run_id=run_id, user=request.user)
        try:
            run = services.run_reset(run=run)
        except ValidationError as exc:
            return _bad_request(
                "Der Durchlauf wurde nicht zurückgesetzt.", _field_errors(exc)
            )
        return _run_response(run)


class RunRepeatView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=None, responses={200: RunSerializer})
    def post(self, request, run_id):
        run = selectors.run_get_for_user(run_id=run_id, user=request.user)
        try:
            run = services.run_repeat_step(run=run)
        except ValidationError as exc:
            return _bad_request(
                "Der Schritt kann nicht wiederholt werden.", _field_errors(exc)
            )
        return _run_response(run)
