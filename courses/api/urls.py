from django.urls import path

from common import converters  # noqa: F401 (registers <id:…>)
from courses.api import views

app_name = "courses-api"

urlpatterns = [
    path("", views.CourseListView.as_view(), name="course-list"),
    path("<id:course_id>/", views.CourseDetailView.as_view(), name="course-detail"),
]
