"""URLs of the staff import, mounted at `organisation/import/` in config/urls.py."""

from django.urls import path

from common import converters  # noqa: F401 (registers <id:…>)
from lms.views import staff_import as views

urlpatterns = [
    path("", views.staff_import_view, name="staff_import"),
    path("vorlage.csv", views.staff_import_template_view, name="staff_import_template"),
    path("<id:job_id>/", views.staff_import_job_view, name="staff_import_job"),
    path(
        "<id:job_id>/status.json",
        views.staff_import_job_status_view,
        name="staff_import_job_status",
    ),
]
