from django.urls import path

from exchange.api import xapi

app_name = "xapi-api"

urlpatterns = [
    path("statements/", xapi.StatementListView.as_view(), name="statements"),
]
