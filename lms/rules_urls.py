"""URLs of the rules pages (namespace `rules`), mounted under /organisation/regeln/."""

from django.urls import path

from common import converters  # noqa: F401 (registers <id:…>)
from lms.views import rules as views

app_name = "rules"

urlpatterns = [
    path("", views.rule_list_view, name="list"),
    path("neu/", views.rule_create_view, name="create"),
    path("<id:rule_id>/", views.rule_edit_view, name="edit"),
    path("<id:rule_id>/deaktivieren/", views.rule_deactivate_view, name="deactivate"),
    path("befreiungen/neu/", views.exemption_create_view, name="exemption_create"),
    path(
        "befreiungen/<id:exemption_id>/aufheben/",
        views.exemption_delete_view,
        name="exemption_delete",
    ),
]
