from django.urls import path

from analytics.api import views

urlpatterns = [
    path(
        "analytics/readiness/",
        views.ReadinessView.as_view(),
        name="api-analytics-readiness",
    ),
    path(
        "analytics/adoption/",
        views.AdoptionView.as_view(),
        name="api-analytics-adoption",
    ),
    path("me/readiness/", views.MyReadinessView.as_view(), name="api-my-readiness"),
]
