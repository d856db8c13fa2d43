from django.urls import path

from common import converters  # noqa: F401 (registers <id:…>)
from lms.api import learning, views

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="api-token"),
    path("me/", views.MeView.as_view(), name="api-me"),
    path("org/units/", views.OrgUnitListView.as_view(), name="api-org-units"),
    path(
        "me/enrolments/", learning.MyEnrolmentsView.as_view(), name="api-my-enrolments"
    ),
    path(
        "me/certificates/",
        learning.MyCertificatesView.as_view(),
        name="api-my-certificates",
    ),
    path("me/export/", learning.MyExportView.as_view(), name="api-my-export"),
    path(
        "lessons/<id:page_id>/complete/",
        learning.LessonCompleteView.as_view(),
        name="api-lesson-complete",
    ),
    path(
        "quizzes/<id:page_id>/<str:block_id>/attempts/",
        learning.QuizAttemptView.as_view(),
        name="api-quiz-attempts",
    ),
]
