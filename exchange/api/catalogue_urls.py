from django.urls import path

from common import converters  # noqa: F401 (registers <id:…>)
from exchange.api import catalogue

app_name = "exchange-api"

urlpatterns = [
    path("courses/", catalogue.CatalogueListView.as_view(), name="courses"),
    path(
        "courses/<id:entry_id>/package/",
        catalogue.CataloguePackageView.as_view(),
        name="package",
    ),
]
