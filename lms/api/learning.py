"""API of the learning core (/api/v1/): only for oneself; others' objects are 404."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from common.urls import request_base_url
from lms.selectors import content
from lms.selectors.certificates import certificate_verify_url, certificates_of
from lms.selectors.export import personal_data_export
from lms.selectors.training import my_training
from lms.services.enrolments import enrolment_create
from lms.services.progress import lesson_complete
from lms.services.quizzes import quiz_attempt_submit

# --- Serializers ----------------------------------------------------------------------


class EnrolmentSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="enrolment.id")
    course = serializers.IntegerField(source="enrolment.course_id")
    course_title = serializers.CharField(source="outline.info.title")
    course_url = serializers.CharField(source="outline.info.url")
    cycle = serializers.IntegerField(source="enrolment.cycle")
    mandatory = serializers.BooleanField(source="enrolment.is_mandatory")
    state = serializers.ChoiceField(
        choices=["open", "in_progress", "overdue", "done", "expiring", "expired"]
    )
    due_on = serializers.DateField(source="enrolment.due_on", allow_null=True)
    completed_at = serializers.DateTimeField(
        source="enrolment.completed_at", allow_null=True
    )
    lessons_done = serializers.IntegerField()
    lessons_total = serializers.IntegerField()
    next_lesson = serializers.SerializerMethodField()

    def get_next_lesson(self, item) -> int | None:
        return item.next_lesson.id if item.next_lesson else None


class EnrolmentCreateSerializer(serializers.Serializer):
    course = serializers.IntegerField(help_text="Seiten-ID des Kurses")


class LessonCompleteResponseSerializer(serializers.Serializer):
    lesson = serializers.IntegerField()
    completed_at = serializers.DateTimeField()
    course_completed = serializers.BooleanField()


class AttemptRequestSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.JSONField(),
        help_text=(
            "Antworten je Frage-ID: Options-ID (Einfachauswahl), Liste von IDs "
            "(Mehrfachauswahl), true/false, IDs in Reihenfolge (Sortieren), Zahl."
        ),
    )


class QuestionFeedbackSerializer(serializers.Serializer):
    question_id = serializers.CharField()
    text = serializers.CharField()
    correct = serializers.BooleanField()
    answered = serializers.BooleanField()
    explanation = serializers.CharField()
    option_feedback = serializers.ListField(child=serializers.CharField())


class AttemptResponseSerializer(serializers.Serializer):
    attempt = serializers.IntegerField(source="attempt.number")
    score = serializers.IntegerField(source="attempt.score")
    passed = serializers.BooleanField(source="attempt.passed")
    best_score = serializers.IntegerField()
    duplicate = serializers.BooleanField()
    feedback = QuestionFeedbackSerializer(source="attempt.feedback", many=True)


class CertificateSerializer(serializers.Serializer):
    code = serializers.CharField()
    course = serializers.IntegerField(source="course_id")
    course_title = serializers.CharField()
    holder_name = serializers.CharField()
    completed_on = serializers.DateField()
    valid_until = serializers.DateField(allow_null=True)
    issued_at = serializers.DateTimeField()
    verify_url = serializers.SerializerMethodField()

    def get_verify_url(self, certificate) -> str:
        request = self.context.get("request")
        base_url = request_base_url(request) if request is not None else None
        return certificate_verify_url(certificate.code, base_url=base_url)


def _raise_validation(error: DjangoValidationError):
    if hasattr(error, "error_dict"):
        raise ValidationError(error.message_dict) from error
    raise ValidationError({"non_field_errors": error.messages}) from error


# --- Views ------------------------------------------------------------------------------


class MyEnrolmentsView(APIView):
    """My current enrolments; POST self-enrols in an optional course."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=EnrolmentSerializer(many=True))
    def get(self, request):
        items = my_training(request.user)
        return Response(EnrolmentSerializer(items, many=True).data)

    @extend_schema(
        request=EnrolmentCreateSerializer,
        responses={
            201: EnrolmentSerializer,
            400: OpenApiResponse(description="ungültig"),
        },
    )
    def post(self, request):
        serializer = EnrolmentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        course_id = serializer.validated_data["course"]
        try:
            enrolment_create(user=request.user, course_id=course_id)
        except DjangoValidationError as error:
            _raise_validation(error)
        item = next(
            i for i in my_training(request.user) if i.enrolment.course_id == course_id
        )
        return Response(EnrolmentSerializer(item).data, status=status.HTTP_201_CREATED)


class LessonCompleteView(APIView):
    """Mark a lesson done for myself."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses={200: LessonCompleteResponseSerializer, 404: OpenApiResponse()},
    )
    def post(self, request, page_id: int):
        if content.course_id_of_lesson(page_id) is None:
            raise Http404(_("Diese Lektion gibt es nicht."))
        try:
            progress = lesson_complete(user=request.user, lesson_id=page_id)
        except DjangoValidationError as error:
            raise Http404(" ".join(error.messages)) from error
        enrolment = progress.enrolment
        enrolment.refresh_from_db(fields=["completed_at"])
        data = {
            "lesson": page_id,
            "completed_at": progress.completed_at,
            "course_completed": enrolment.completed_at is not None,
        }
        return Response(LessonCompleteResponseSerializer(data).data)


class QuizAttemptView(APIView):
    """Submit answers; graded on the server, returns score, passed and feedback."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=AttemptRequestSerializer,
        responses={
            201: AttemptResponseSerializer,
            200: AttemptResponseSerializer,
            400: OpenApiResponse(description="ungültige Antworten"),
            404: OpenApiResponse(description="kein solches Quiz"),
        },
    )
    def post(self, request, page_id: int, block_id: str):
        if content.quiz_get(lesson_id=page_id, block_id=block_id) is None:
            raise Http404(_("Dieses Quiz gibt es nicht."))
        serializer = AttemptRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            outcome = quiz_attempt_submit(
                user=request.user,
                lesson_id=page_id,
                block_id=block_id,
                answers=serializer.validated_data["answers"],
            )
        except DjangoValidationError as error:
            if hasattr(error, "error_dict"):
                raise ValidationError({"answers": error.message_dict}) from error
            _raise_validation(error)
        return Response(
            AttemptResponseSerializer(outcome).data,
            status=status.HTTP_200_OK if outcome.duplicate else status.HTTP_201_CREATED,
        )


class MyCertificatesView(APIView):
    """My certificates with their verification URL."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=CertificateSerializer(many=True))
    def get(self, request):
        return Response(
            CertificateSerializer(
                certificates_of(request.user), many=True, context={"request": request}
            ).data
        )


class MyExportView(APIView):
    """Everything Lotse holds about me (profile, enrolments, progress, attempts, …)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses={200: OpenApiResponse(description="alle eigenen Daten (JSON)")}
    )
    def get(self, request):
        return Response(personal_data_export(request.user))
