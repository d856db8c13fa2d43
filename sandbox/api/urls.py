from django.urls import path

from common import converters  # noqa: F401 (registers <id:…>)

from . import views

app_name = "sandbox-api"

urlpatterns = [
    path("packages/", views.PackageUploadView.as_view(), name="packages"),
    path(
        "packages/<id:package_id>/approve/",
        views.PackageApproveView.as_view(),
        name="package_approve",
    ),
    path(
        "packages/<id:package_id>/reject/",
        views.PackageRejectView.as_view(),
        name="package_reject",
    ),
    path("processes/", views.ProcessListView.as_view(), name="processes"),
    path("runs/", views.RunListView.as_view(), name="runs"),
    path("runs/<uuid:run_id>/", views.RunDetailView.as_view(), name="run_detail"),
    path(
        "runs/<uuid:run_id>/tasks/<str:task_id>/submit/",
        views.RunSubmitView.as_view(),
        name="run_submit",
    ),
    path("runs/<uuid:run_id>/hint/", views.RunHintView.as_view(), name="run_hint"),
    path("runs/<uuid:run_id>/reset/", views.RunResetView.as_view(), name="run_reset"),
    path(
        "runs/<uuid:run_id>/repeat/", views.RunRepeatView.as_view(), name="run_repeat"
    ),
]
