"""URLs of the org-unit pages (namespace `org_units`), mounted under
/organisation/einheiten/."""

from django.urls import path

from common import converters  # noqa: F401 (registers <id:…>)
from lms.views import org_units as views

app_name = "org_units"

urlpatterns = [
    path("neu/", views.org_unit_create_view, name="create"),
    path("<id:unit_id>/", views.org_unit_edit_view, name="edit"),
    path("<id:unit_id>/loeschen/", views.org_unit_delete_view, name="delete"),
]
