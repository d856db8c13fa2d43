from django.urls import path

from common import converters  # noqa: F401 (registers <id:…>)

from . import views

app_name = "sandbox"

urlpatterns = [
    path("", views.process_list, name="process_list"),
    path("prozess/<str:process_id>/", views.process_detail, name="process_detail"),
    path("prozess/<str:process_id>/starten/", views.run_start, name="run_start"),
    # A version that is not live: only its uploader and the lead trainers see it.
    path(
        "prozess/<str:process_id>/version/<id:version>/",
        views.process_detail,
        name="process_preview",
    ),
    path(
        "prozess/<str:process_id>/version/<id:version>/starten/",
        views.run_start,
        name="run_start_preview",
    ),
    path("durchlauf/<uuid:run_id>/", views.run_detail, name="run_detail"),
    path("durchlauf/<uuid:run_id>/absenden/", views.run_submit, name="run_submit"),
    path("durchlauf/<uuid:run_id>/hinweis/", views.run_hint, name="run_hint"),
    path("durchlauf/<uuid:run_id>/zuruecksetzen/", views.run_reset, name="run_reset"),
    path("durchlauf/<uuid:run_id>/wiederholen/", views.run_repeat, name="run_repeat"),
]
