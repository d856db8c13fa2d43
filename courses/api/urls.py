from django.urls import path

from courses.api import views

app_name = "courses-api"

urlpatterns = [
    path("", views.CourseListView.as_view(), name="course-list"),
    path("<int:course_id>/", views.CourseDetailView.as_view(), name="course-detail"),
]
