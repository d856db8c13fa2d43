"""Read-only course API for any logged-in person: published courses and lessons."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api_schema import error_response
from courses import selectors
from courses.api.serializers import CourseDetailSerializer, CourseListItemSerializer

EXAMPLE_COURSE = {
    "id": 42,
    "slug": "hund-anmelden-digital",
    "title": "Hundesteuer digital bearbeiten",
    "initiative": "Hundesteuer online",
    "lessons": 2,
    "estimated_minutes": 30,
}


@extend_schema(
    summary="Veröffentlichte Kurse",
    description=(
        "Alle veröffentlichten Kurse mit der Zahl ihrer veröffentlichten Lektionen, "
        "nach Titel."
    ),
    examples=[OpenApiExample("Kurs", value=EXAMPLE_COURSE, response_only=True)],
    tags=["courses"],
)
class CourseListView(generics.ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = CourseListItemSerializer
    ordering_fields = {
        "title": "title",
        "estimated_minutes": "estimated_minutes",
        "lessons": "lessons",
    }

    def get_queryset(self):
        return selectors.course_summaries()


class CourseDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="courses_retrieve",
        summary="Ein Kurs",
        description=(
            "Ein veröffentlichter Kurs mit seinen veröffentlichten Lektionen in "
            "ihrer Reihenfolge."
        ),
        responses={
            200: CourseDetailSerializer,
            404: error_response("Kein solcher oder kein veröffentlichter Kurs"),
        },
        examples=[
            OpenApiExample(
                "Kurs mit Lektionen",
                value={
                    **EXAMPLE_COURSE,
                    "lesson_list": [
                        {
                            "id": 43,
                            "title": "Was ändert sich?",
                            "slug": "was-aendert-sich",
                            "order": 1,
                        },
                        {
                            "id": 44,
                            "title": "Ein Antrag, Schritt für Schritt",
                            "slug": "ein-antrag",
                            "order": 2,
                        },
                    ],
                },
                response_only=True,
            ),
            OpenApiExample(
                "Nicht veröffentlicht",
                value={
                    "detail": (
                        "Diesen Kurs gibt es nicht, oder er ist nicht veröffentlicht."
                    ),
                    "errors": {},
                },
                response_only=True,
                status_codes=["404"],
            ),
        ],
        tags=["courses"],
    )
    def get(self, request, course_id: int):
        course = selectors.course_get(course_id)
        if course is None:
            raise NotFound(
                _("Diesen Kurs gibt es nicht, oder er ist nicht veröffentlicht.")
            )
        lessons = selectors.lessons_of_course(course.pk)
        data = {
            "id": course.pk,
            "slug": course.slug,
            "title": course.title,
            "initiative": course.initiative,
            "lessons": len(lessons),
            "estimated_minutes": course.estimated_minutes,
            "lesson_list": [
                {
                    "id": lesson.id,
                    "title": lesson.title,
                    "slug": lesson.slug,
                    "order": lesson.order,
                }
                for lesson in lessons
            ],
        }
        return Response(CourseDetailSerializer(data).data)
