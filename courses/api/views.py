"""Read-only course API for any logged-in person: published courses and lessons."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from courses import selectors
from courses.api.serializers import (
    CourseDetailSerializer,
    CourseListItemSerializer,
    ErrorSerializer,
)


class CourseListView(APIView):
    """All published courses, ordered by title (a plain list, not paginated)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="courses_list",
        responses={200: CourseListItemSerializer(many=True), 401: ErrorSerializer},
        tags=["courses"],
    )
    def get(self, request):
        return Response(
            CourseListItemSerializer(selectors.course_summaries(), many=True).data
        )


class CourseDetailView(APIView):
    """One published course with its published lessons in order."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="courses_retrieve",
        responses={
            200: CourseDetailSerializer,
            401: ErrorSerializer,
            404: ErrorSerializer,
        },
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
