"""The Kursbörse's API (catalogue mode): the offered courses, their packages, and
publishing a package. Subscribing towns authenticate with a token."""

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from exchange.api.serializers import CoursePackageUploadSerializer
from exchange.api.views import InvalidInput
from exchange.models import (
    CATALOGUE_PUBLISH_PERMISSION,
    EXCHANGE_BROWSE_PERMISSION,
    CatalogueEntry,
)
from exchange.services.catalogue import catalogue_publish


class CanBrowse(BasePermission):
    message = gettext_lazy("Sie haben keinen Zugang zur Kursbörse.")

    def has_permission(self, request, view) -> bool:
        return request.user.has_perm(EXCHANGE_BROWSE_PERMISSION)


class CanPublish(BasePermission):
    message = gettext_lazy("Sie dürfen keine Kurse in der Kursbörse veröffentlichen.")

    def has_permission(self, request, view) -> bool:
        return request.user.has_perm(CATALOGUE_PUBLISH_PERMISSION)


def _require_catalogue_mode() -> None:
    if not settings.LOTSE_EXCHANGE_CATALOGUE:
        raise NotFound(_("Diese Installation ist keine Kursbörse."))


class OriginSerializer(serializers.Serializer):
    installation = serializers.CharField(help_text="ID der Herkunftsinstallation")
    name = serializers.CharField(
        source="installation_name", help_text="Name der Herkunft, z. B. die Stadt"
    )
    course_id = serializers.IntegerField(
        source="origin_course_id", help_text="Kurs-ID in der Herkunft"
    )


class CatalogueEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField(
        source="pk", help_text="ID des Eintrags in der Kursbörse"
    )
    title = serializers.CharField(help_text="Titel des Kurses")
    summary = serializers.CharField(help_text="Kurzbeschreibung")
    origin = OriginSerializer(source="*", help_text="Wer den Kurs gebaut hat")
    version = serializers.IntegerField(
        help_text="Version; wächst mit jeder Veröffentlichung"
    )
    published_at = serializers.DateTimeField(help_text="Zeitpunkt der Veröffentlichung")
    size = serializers.IntegerField(help_text="Größe des Pakets in Bytes")
    licence = serializers.CharField(help_text="Lizenz des Kurses")


EXAMPLE_ENTRY = {
    "id": 3,
    "title": "Sperrmüll digital anmelden",
    "summary": "Vom Online-Antrag bis zur Abholung, ohne Bürgerakte.",
    "origin": {
        "installation": "stadt-musterstadt",
        "name": "Stadt Musterstadt",
        "course_id": 42,
    },
    "version": 7,
    "published_at": "2026-11-30T09:00:00+01:00",
    "size": 183204,
    "licence": "CC BY-SA 4.0",
}


class CatalogueListView(generics.ListAPIView):
    """Die Kurse der Kursbörse, nach Titel, in Seiten (`count`, `next`,
    `previous`, `results`). Für Konten mit Zugang zur Kursbörse (Token)."""

    permission_classes = [IsAuthenticated, CanBrowse]
    serializer_class = CatalogueEntrySerializer
    ordering_fields = {
        "title": "title",
        "published_at": "published_at",
        "size": "size",
    }

    def get_queryset(self):
        _require_catalogue_mode()
        return CatalogueEntry.objects.order_by("title", "pk")

    @extend_schema(
        operation_id="exchange_courses_list",
        summary="Kurse der Kursbörse",
        examples=[OpenApiExample("Eintrag", value=EXAMPLE_ENTRY, response_only=True)],
        tags=["exchange"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="exchange_courses_publish",
        summary="Kurs in der Kursbörse veröffentlichen",
        description=(
            "Ein Kurspaket (lotse-course/1) anbieten oder das Angebot desselben Kurses "
            "durch eine neuere Version ersetzen. Das Paket wird vollständig geprüft."
        ),
        request={"multipart/form-data": CoursePackageUploadSerializer},
        responses={201: CatalogueEntrySerializer},
        examples=[
            OpenApiExample(
                "Veröffentlicht",
                value=EXAMPLE_ENTRY,
                response_only=True,
                status_codes=["201"],
            )
        ],
        tags=["exchange"],
    )
    def post(self, request):
        _require_catalogue_mode()
        if not CanPublish().has_permission(request, self):
            self.permission_denied(request, message=CanPublish.message)
        upload = request.FILES.get("file")
        summary = _("Der Kurs wurde nicht veröffentlicht.")
        if upload is None:
            raise InvalidInput(
                summary,
                {"file": [_("Bitte wählen Sie eine ZIP-Datei aus (Feld „file“).")]},
            )
        try:
            entry = catalogue_publish(file=upload.read())
        except DjangoValidationError as exc:
            raise InvalidInput(summary, {"file": list(exc.messages)}) from None
        return Response(
            CatalogueEntrySerializer(entry).data,
            status=status.HTTP_201_CREATED,
        )

    parser_classes = [MultiPartParser, FormParser]


class CataloguePackageView(APIView):
    """Das Kurspaket eines Eintrags der Kursbörse (ZIP, lotse-course/1)."""

    permission_classes = [IsAuthenticated, CanBrowse]

    @extend_schema(
        operation_id="exchange_courses_package_retrieve",
        summary="Kurspaket aus der Kursbörse laden",
        responses={
            (200, "application/zip"): OpenApiResponse(
                OpenApiTypes.BINARY, description="Das Kurspaket als ZIP-Datei"
            )
        },
        tags=["exchange"],
    )
    def get(self, request, entry_id: int):
        _require_catalogue_mode()
        entry = CatalogueEntry.objects.filter(pk=entry_id).first()
        if entry is None:
            raise NotFound(_("Diesen Kurs gibt es in der Kursbörse nicht."))
        return FileResponse(
            entry.package.open("rb"),
            content_type="application/zip",
            as_attachment=True,
            filename=f"kurs-{entry.pk}-v{entry.version}.zip",
        )
