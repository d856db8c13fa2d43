"""URLs of analytics (namespace `analytics`), mounted once in config/urls.py."""

from django.urls import path

from analytics import views
from analytics.views import surveys as survey_views
from common import converters  # noqa: F401 (registers <id:…>)

app_name = "analytics"

urlpatterns = [
    path("auswertungen/", views.dashboard_view, name="dashboard"),
    path(
        "auswertungen/export.csv",
        views.dashboard_export_view,
        {"kind": "csv"},
        name="dashboard_csv",
    ),
    path(
        "auswertungen/export.xlsx",
        views.dashboard_export_view,
        {"kind": "xlsx"},
        name="dashboard_xlsx",
    ),
    path(
        "auswertungen/neu-berechnen/",
        views.recompute_start_view,
        name="recompute_start",
    ),
    path(
        "auswertungen/neu-berechnen/<id:job_id>/",
        views.recompute_job_view,
        name="recompute_job",
    ),
    path(
        "auswertungen/neu-berechnen/<id:job_id>/status/",
        views.recompute_job_status_view,
        name="recompute_job_status",
    ),
    path("auswertungen/initiativen/", views.initiative_list_view, name="initiatives"),
    path(
        "auswertungen/initiativen/neu/",
        views.initiative_edit_view,
        name="initiative_create",
    ),
    path(
        "auswertungen/initiativen/<id:initiative_id>/",
        views.initiative_edit_view,
        name="initiative_edit",
    ),
    path(
        "auswertungen/initiativen/<id:initiative_id>/loeschen/",
        views.initiative_delete_view,
        name="initiative_delete",
    ),
    path(
        "auswertungen/initiativen/<id:initiative_id>/befragungsrunde/",
        survey_views.survey_wave_start_view,
        name="survey_wave_start",
    ),
    path(
        "auswertungen/befragungen/<id:wave_id>/beenden/",
        survey_views.survey_wave_close_view,
        name="survey_wave_close",
    ),
    path(
        "auswertungen/nutzungszahlen/",
        views.adoption_upload_view,
        name="adoption_upload",
    ),
    path(
        "auswertungen/befragungen/<id:wave_id>/",
        survey_views.survey_results_view,
        name="survey_results",
    ),
    path("auswertungen/protokoll/", views.access_log_view, name="access_log"),
    path("lernen/bereitschaft/", views.my_readiness_view, name="my_readiness"),
    path("lernen/befragung/<id:wave_id>/", survey_views.survey_view, name="survey"),
]
