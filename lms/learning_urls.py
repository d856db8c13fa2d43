"""URLs of the learning core (namespace `learning`), mounted once in config/urls.py."""

from django.urls import path

from common import converters  # noqa: F401 (registers <id:…>)
from lms.views import calendar as calendar_views
from lms.views import compliance
from lms.views import learning as views

app_name = "learning"

urlpatterns = [
    path("lernen/", views.my_training_view, name="my_training"),
    path(
        "lernen/kurse/<id:course_id>/einschreiben/",
        views.course_enrol_view,
        name="course_enrol",
    ),
    path(
        "lernen/kurse/<id:course_id>/abgeschlossen/",
        views.course_done_view,
        name="course_done",
    ),
    path(
        "lernen/lektionen/<id:lesson_id>/erledigt/",
        views.lesson_complete_view,
        name="lesson_complete",
    ),
    path(
        "lernen/lektionen/<id:lesson_id>/kenntnisnahme/<str:block_id>/",
        views.acknowledge_view,
        name="acknowledge",
    ),
    path(
        "lernen/quiz/<id:lesson_id>/<str:block_id>/",
        views.quiz_submit_view,
        name="quiz_submit",
    ),
    path("lernen/zertifikate/", views.certificates_view, name="certificates"),
    path(
        "lernen/zertifikate/<str:code>/pdf/",
        views.certificate_pdf_view,
        name="certificate_pdf",
    ),
    path("lernen/benachrichtigungen/", views.notifications_view, name="notifications"),
    path("nachweise/", compliance.compliance_view, name="compliance"),
    path("nachweise/export.csv", compliance.compliance_csv_view, name="compliance_csv"),
    path(
        "nachweise/export.xlsx", compliance.compliance_xlsx_view, name="compliance_xlsx"
    ),
    path(
        "nachweise/erinnerung/",
        compliance.compliance_remind_view,
        name="compliance_remind",
    ),
    path("lernen/meine-daten/", views.my_data_view, name="my_data"),
    path(
        "lernen/meine-daten/lotse-meine-daten.json",
        views.my_data_json_view,
        name="my_data_json",
    ),
    path("lernen/kalender/", calendar_views.calendar_view, name="calendar"),
    path(
        "kalender/<str:token>.ics",
        calendar_views.calendar_feed_view,
        name="calendar_feed",
    ),
    path("verify/<str:code>/", views.verify_view, name="verify"),
]
