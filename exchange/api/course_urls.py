"""Course packages, mounted beside the course API under /api/v1/courses/."""

from django.urls import path

from common import converters  # noqa: F401 (registers <id:…>)
from exchange.api import views

app_name = "course-packages-api"

urlpatterns = [
    path("packages/", views.CoursePackageImportView.as_view(), name="import"),
    path("<id:course_id>/package/", views.CoursePackageView.as_view(), name="export"),
]
