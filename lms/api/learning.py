"""API of the learning core (/api/v1/): only for oneself; others' objects are 404."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api_schema import error_response
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
    id = serializers.IntegerField(
        source="enrolment.id", help_text="ID der Einschreibung"
    )
    course = serializers.IntegerField(
        source="enrolment.course_id", help_text="Seiten-ID des Kurses"
    )
    course_title = serializers.CharField(
        source="outline.info.title", help_text="Titel des Kurses"
    )
    course_url = serializers.CharField(
        source="outline.info.url", help_text="Adresse der Kursseite"
    )
    cycle = serializers.IntegerField(
        source="enrolment.cycle", help_text="Durchgang (wiederkehrende Pflichtkurse)"
    )
    mandatory = serializers.BooleanField(
        source="enrolment.is_mandatory", help_text="Pflichtkurs?"
    )
    state = serializers.ChoiceField(
        choices=["open", "in_progress", "overdue", "done", "expiring", "expired"],
        help_text="Stand: offen, begonnen, überfällig, erledigt, läuft ab, abgelaufen",
    )
    due_on = serializers.DateField(
        source="enrolment.due_on", allow_null=True, help_text="Fällig am"
    )
    completed_at = serializers.DateTimeField(
        source="enrolment.completed_at", allow_null=True, help_text="Abgeschlossen am"
    )
    lessons_done = serializers.IntegerField(help_text="Erledigte Lektionen")
    lessons_total = serializers.IntegerField(help_text="Lektionen des Kurses")
    next_lesson = serializers.SerializerMethodField(
        help_text="Seiten-ID der nächsten offenen Lektion oder null"
    )

    def get_next_lesson(self, item) -> int | None:
        return item.next_lesson.id if item.next_lesson else None


class EnrolmentCreateSerializer(serializers.Serializer):
    course = serializers.IntegerField(help_text="Seiten-ID des Kurses")


class LessonCompleteResponseSerializer(serializers.Serializer):
    lesson = serializers.IntegerField(help_text="Seiten-ID der Lektion")
    completed_at = serializers.DateTimeField(help_text="Erledigt am")
    course_completed = serializers.BooleanField(
        help_text="Ist der Kurs damit abgeschlossen?"
    )


class AttemptRequestSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.JSONField(),
        help_text=(
            "Antworten je Frage-ID: Options-ID (Einfachauswahl), Liste von IDs "
            "(Mehrfachauswahl), true/false, IDs in Reihenfolge (Sortieren), Zahl."
        ),
    )


class QuestionFeedbackSerializer(serializers.Serializer):
    question_id = serializers.CharField(help_text="ID der Frage")
    text = serializers.CharField(help_text="Fragetext")
    correct = serializers.BooleanField(help_text="Richtig beantwortet?")
    answered = serializers.BooleanField(help_text="Beantwortet?")
    explanation = serializers.CharField(help_text="Erklärung der Lösung")
    option_feedback = serializers.ListField(
        child=serializers.CharField(), help_text="Rückmeldungen zu gewählten Optionen"
    )


class AttemptResponseSerializer(serializers.Serializer):
    attempt = serializers.IntegerField(
        source="attempt.number", help_text="Nummer des Versuchs"
    )
    score = serializers.IntegerField(
        source="attempt.score", help_text="Ergebnis in Prozent"
    )
    passed = serializers.BooleanField(source="attempt.passed", help_text="Bestanden?")
    best_score = serializers.IntegerField(help_text="Bestes Ergebnis aller Versuche")
    duplicate = serializers.BooleanField(
        help_text="Dieselben Antworten wurden schon gewertet (kein neuer Versuch)"
    )
    feedback = QuestionFeedbackSerializer(
        source="attempt.feedback", many=True, help_text="Rückmeldung je Frage"
    )


class CertificateSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Prüfcode des Nachweises")
    course = serializers.IntegerField(
        source="course_id", help_text="Seiten-ID des Kurses"
    )
    course_title = serializers.CharField(help_text="Titel des Kurses")
    holder_name = serializers.CharField(help_text="Name der Person")
    completed_on = serializers.DateField(help_text="Abgeschlossen am")
    valid_until = serializers.DateField(
        allow_null=True, help_text="Gültig bis, null: unbefristet"
    )
    issued_at = serializers.DateTimeField(help_text="Ausgestellt am")
    verify_url = serializers.SerializerMethodField(
        help_text="Öffentliche Adresse zum Prüfen des Nachweises"
    )

    def get_verify_url(self, certificate) -> str:
        request = self.context.get("request")
        base_url = request_base_url(request) if request is not None else None
        return certificate_verify_url(certificate.code, base_url=base_url)


def _raise_validation(error: DjangoValidationError):
    if hasattr(error, "error_dict"):
        raise ValidationError(error.message_dict) from error
    raise ValidationError({"non_field_errors": error.messages}) from error


# --- Views ------------------------------------------------------------------------------


EXAMPLE_ENROLMENT = {
    "id": 17,
    "course": 42,
    "course_title": "Datenschutz im Amt",
    "course_url": "https://lotse.musterstadt.de/kurse/datenschutz-im-amt/",
    "cycle": 1,
    "mandatory": True,
    "state": "in_progress",
    "due_on": "2026-12-31",
    "completed_at": None,
    "lessons_done": 2,
    "lessons_total": 5,
    "next_lesson": 45,
}
EXAMPLE_INVALID_COURSE = OpenApiExample(
    "Kein solcher Kurs",
    value={
        "detail": "Die Eingaben sind ungültig.",
        "errors": {
            "course": ["Diesen Kurs gibt es nicht oder er ist nicht veröffentlicht."]
        },
    },
    response_only=True,
    status_codes=["400"],
)


class MyEnrolmentsView(generics.ListAPIView):
    """My current enrolments; POST self-enrols in an optional course."""

    permission_classes = [IsAuthenticated]
    serializer_class = EnrolmentSerializer
    ordering_fields = {
        "course_title": "outline__info__title",
        "due_on": "enrolment__due_on",
        "state": "state",
    }

    def get_queryset(self):
        return my_training(self.request.user)

    @extend_schema(
        summary="Meine Einschreibungen",
        description=(
            "Die aktuellen Einschreibungen mit Stand, Fortschritt und nächster "
            "Lektion: Pflichtkurse zuerst (nach Fälligkeit), dann selbst gewählte."
        ),
        examples=[
            OpenApiExample("Einschreibung", value=EXAMPLE_ENROLMENT, response_only=True)
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="In einen Kurs einschreiben",
        description="Schreibt mich in einen freiwilligen, veröffentlichten Kurs ein.",
        request=EnrolmentCreateSerializer,
        responses={
            201: EnrolmentSerializer,
            400: error_response("Kein solcher Kurs oder schon eingeschrieben"),
        },
        examples=[
            OpenApiExample("Kurs wählen", value={"course": 42}, request_only=True),
            OpenApiExample(
                "Eingeschrieben",
                value={**EXAMPLE_ENROLMENT, "state": "open", "lessons_done": 0},
                response_only=True,
                status_codes=["201"],
            ),
            EXAMPLE_INVALID_COURSE,
        ],
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
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Lektion erledigen",
        description=(
            "Markiert eine Lektion für mich als erledigt; ist es die letzte offene, "
            "ist der Kurs abgeschlossen. Eine Lektion eines Kurses, in den ich nicht "
            "eingeschrieben bin, gibt es für mich nicht (404)."
        ),
        request=None,
        responses={
            200: LessonCompleteResponseSerializer,
            404: error_response("Keine solche Lektion"),
        },
        examples=[
            OpenApiExample(
                "Erledigt",
                value={
                    "lesson": 45,
                    "completed_at": "2026-11-30T09:12:00+01:00",
                    "course_completed": False,
                },
                response_only=True,
            ),
            OpenApiExample(
                "Keine solche Lektion",
                value={"detail": "Diese Lektion gibt es nicht.", "errors": {}},
                response_only=True,
                status_codes=["404"],
            ),
        ],
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


EXAMPLE_ATTEMPT = {
    "attempt": 2,
    "score": 80,
    "passed": True,
    "best_score": 80,
    "duplicate": False,
    "feedback": [
        {
            "question_id": "q1",
            "text": "Wer darf Gesundheitsdaten einsehen?",
            "correct": True,
            "answered": True,
            "explanation": "Nur wer sie für die Aufgabe braucht.",
            "option_feedback": [],
        }
    ],
}


class QuizAttemptView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Quiz beantworten",
        description=(
            "Sendet Antworten zu einem Quiz; sie werden auf dem Server gewertet. "
            "Antwort: Ergebnis, bestanden, Rückmeldung je Frage (201). Dieselben "
            "Antworten noch einmal zählen nicht als neuer Versuch (200)."
        ),
        request=AttemptRequestSerializer,
        responses={
            201: AttemptResponseSerializer,
            200: AttemptResponseSerializer,
            400: error_response("Ungültige Antworten"),
            404: error_response("Kein solches Quiz"),
        },
        examples=[
            OpenApiExample(
                "Antworten",
                value={"answers": {"q1": "o2", "q2": ["o1", "o3"], "q3": 42}},
                request_only=True,
            ),
            OpenApiExample(
                "Gewertet",
                value=EXAMPLE_ATTEMPT,
                response_only=True,
                status_codes=["201"],
            ),
            OpenApiExample(
                "Schon gewertet",
                value={**EXAMPLE_ATTEMPT, "duplicate": True},
                response_only=True,
                status_codes=["200"],
            ),
            OpenApiExample(
                "Unbekannte Frage",
                value={
                    "detail": "Die Eingaben sind ungültig.",
                    "errors": {"answers": {"q9": ["Diese Frage gibt es nicht."]}},
                },
                response_only=True,
                status_codes=["400"],
            ),
        ],
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


@extend_schema(
    summary="Meine Nachweise",
    description=(
        "Meine Nachweise über abgeschlossene Kurse, neueste zuerst, mit der "
        "öffentlichen Adresse zum Prüfen."
    ),
    examples=[
        OpenApiExample(
            "Nachweis",
            value={
                "code": "K7QX-2M9P",
                "course": 42,
                "course_title": "Datenschutz im Amt",
                "holder_name": "Erika Mustermann",
                "completed_on": "2026-11-02",
                "valid_until": "2028-11-02",
                "issued_at": "2026-11-02T10:15:00+01:00",
                "verify_url": "https://lotse.musterstadt.de/verify/K7QX-2M9P/",
            },
            response_only=True,
        )
    ],
)
class MyCertificatesView(generics.ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = CertificateSerializer
    ordering_fields = {
        "issued_at": "issued_at",
        "completed_on": "completed_on",
        "valid_until": "valid_until",
        "course_title": "course_title",
    }

    def get_queryset(self):
        return certificates_of(self.request.user)


class MyExportView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Meine Daten",
        description=(
            "Alles, was Lotse über mich speichert (Profil, Einschreibungen, "
            "Fortschritt, Quizversuche, Nachweise, Übungsdurchläufe), als ein "
            "JSON-Dokument (Auskunft nach Art. 15 DSGVO)."
        ),
        responses={200: OpenApiResponse(description="Alle eigenen Daten (JSON)")},
        examples=[
            OpenApiExample(
                "Auszug",
                value={
                    "format": "lotse-personal-data/1",
                    "exported_at": "2026-11-30T09:00:00+01:00",
                    "profile": {"username": "erika.mustermann"},
                    "enrolments": [],
                    "certificates": [],
                    "quiz_attempts": [],
                },
                response_only=True,
            )
        ],
    )
    def get(self, request):
        return Response(personal_data_export(request.user))
