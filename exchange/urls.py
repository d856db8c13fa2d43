from django.urls import path

from common import converters  # noqa: F401 (registers <id:…>)
from exchange import views

app_name = "exchange"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("<id:entry_id>/uebernehmen/", views.adopt, name="adopt"),
    path("<id:entry_id>/aktualisieren/", views.update, name="update"),
]
