"""Course packages over the API: export a course, import a package."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from exchange import selectors, services
from exchange.api.serializers import (
    CoursePackageUploadSerializer,
    PackageImportResultSerializer,
)
from exchange.packages.build import course_package_build


class InvalidInput(exceptions.ValidationError):
    """A 400 whose ``detail`` is ``summary`` and whose ``errors`` are the fields'."""

    def __init__(self, summary: str, errors: dict):
        super().__init__(errors)
        self.summary = summary


class CoursePackageView(APIView):
    """Der Kurs als Kurspaket (ZIP, Format lotse-course/1): Manifest mit Herkunft,
    Version und Prüfsummen, Kurs- und Lektionsseiten mit ihrem Inhalt, verwendete
    Bilder, Dokumente und Videos sowie die Übungsräume der Übungen. Nur wer den
    Kurs bearbeiten darf."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="courses_package_retrieve",
        summary="Kurs als Paket exportieren",
        responses={
            (200, "application/zip"): OpenApiResponse(
                OpenApiTypes.BINARY, description="Das Kurspaket als ZIP-Datei"
            )
        },
        tags=["courses"],
    )
    def get(self, request, course_id: int):
        course = selectors.course_for_export(course_id=course_id)
        if course is None:
            raise NotFound(_("Diesen Kurs gibt es nicht."))
        if not course.permissions_for_user(request.user).can_edit():
            raise PermissionDenied(_("Sie dürfen diesen Kurs nicht exportieren."))
        package = course_package_build(course)
        response = HttpResponse(package.data, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{package.filename}"'
        return response


class CoursePackageImportView(APIView):
    """Ein Kurspaket übernehmen. Ein Kurs, dessen Herkunft noch unbekannt ist, wird
    als Entwurf in der redaktionellen Prüfung angelegt (201). Eine neuere Version
    eines schon übernommenen Kurses wartet als Aktualisierung auf Bestätigung im CMS
    (202); am Kurs ändert sich noch nichts. Ein fehlerhaftes Paket wird mit der Liste
    aller Probleme abgelehnt (400), und es wird nichts gespeichert."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="courses_packages_create",
        summary="Kurspaket übernehmen",
        request={"multipart/form-data": CoursePackageUploadSerializer},
        responses={
            201: PackageImportResultSerializer,
            202: PackageImportResultSerializer,
        },
        tags=["courses"],
    )
    def post(self, request):
        if not selectors.may_adopt_courses(request.user):
            raise PermissionDenied(_("Sie dürfen keine Kurse übernehmen."))
        summary = _("Das Kurspaket wurde nicht übernommen.")
        upload = request.FILES.get("file")
        if upload is None:
            raise InvalidInput(
                summary,
                {"file": [_("Bitte wählen Sie eine ZIP-Datei aus (Feld „file“).")]},
            )
        try:
            result = services.course_package_import(file=upload, user=request.user)
        except DjangoValidationError as exc:
            raise InvalidInput(summary, {"file": list(exc.messages)}) from None
        data = {
            "course": result.course.pk,
            "slug": result.course.slug,
            "update": result.update.pk if result.update else None,
            "warnings": result.warnings,
        }
        code = status.HTTP_202_ACCEPTED if result.update else status.HTTP_201_CREATED
        return Response(PackageImportResultSerializer(data).data, status=code)
