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
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, permissions, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from .. import selectors, services
from ..models import PUBLISH_PERMISSION, UPLOAD_PERMISSION
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
    """Import a process package (zip) as a new version: ``status`` says whether it
    is live or waits for the lead trainers' review."""

    permission_classes = [CanUploadPackages]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request=PackageUploadSerializer, responses={201: PackageSerializer})
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

    @extend_schema(request=PackageReviewSerializer, responses={200: PackageSerializer})
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


class PackageApproveView(PackageReviewView):
    """Approve a version that waits for review: new runs start on it (lead
    trainers; an optional ``comment``)."""

    summary = gettext_lazy("Die Version wurde nicht freigegeben.")
    review = staticmethod(services.package_approve)


class PackageRejectView(PackageReviewView):
    """Reject a version that waits for review with a ``comment`` for its uploader;
    the live version stays (lead trainers)."""

    summary = gettext_lazy("Die Version wurde nicht abgelehnt.")
    review = staticmethod(services.package_reject)


class ProcessListView(APIView):
    """The live version of every process with its lanes and cases."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={200: ProcessSerializer(many=True)})
    def get(self, request):
        return Response(ProcessSerializer(selectors.process_list(), many=True).data)


class RunListView(APIView):
    """Start a run (POST); list one's own runs (GET)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={200: RunSummarySerializer(many=True)})
    def get(self, request):
        recent = selectors.runs_for_user(user=request.user)[:50]
        return Response(
            [
                {
                    "id": str(run.pk),
                    "process": run.process_id,
                    "version": run.version,
                    "case": run.case_id,
                    "mode": run.mode,
                    "status": run.status,
                    "preview": run.preview,
                    "score": run.score,
                    "passed": run.passed,
                }
                for run in recent
            ]
        )

    @extend_schema(request=RunStartSerializer, responses={201: RunSerializer})
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

    @extend_schema(responses={200: RunSerializer})
    def get(self, request, run_id):
        run = selectors.run_get_for_user(run_id=run_id, user=request.user)
        return _run_response(run)


class RunSubmitView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=TaskSubmitSerializer, responses={200: RunSerializer})
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

    @extend_schema(request=HintRequestSerializer, responses={200: HintSerializer})
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

    @extend_schema(request=None, responses={200: RunSerializer})
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

    @extend_schema(request=None, responses={200: RunSerializer})
    def post(self, request, run_id):
        run = selectors.run_get_for_user(run_id=run_id, user=request.user)
        try:
            run = services.run_repeat_step(run=run)
        except DjangoValidationError as exc:
            raise InvalidInput(
                _("Der Schritt kann nicht wiederholt werden."), _errors_of(exc)
            ) from None
        return _run_response(run)
