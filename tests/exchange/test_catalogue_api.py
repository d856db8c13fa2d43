"""The Kursbörse's API in catalogue mode: publish, list in pages, download, token
authentication; and 404 where the installation is no catalogue."""

import datetime
import io
import json

import pytest
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from exchange.models import CatalogueEntry
from lms.roles import EXCHANGE_SUBSCRIBER_GROUP
from tests.exchange.conftest import unzip

LIST = "/api/v1/exchange/courses/"


@pytest.fixture
def subscriber(make_person):
    person = make_person(username="stadt-beispielhausen")
    person.groups.add(Group.objects.get(name=EXCHANGE_SUBSCRIBER_GROUP))
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=person).key}"
    )
    return client


@pytest.fixture
def admin(django_user_model):
    client = APIClient()
    client.force_authenticate(django_user_model.objects.create_superuser("root"))
    return client


@pytest.mark.django_db
def test_publish_list_and_download_with_a_token(
    settings, admin, subscriber, small_package
):
    settings.LOTSE_EXCHANGE_CATALOGUE = True
    response = admin.post(LIST, {"file": io.BytesIO(small_package)}, format="multipart")
    assert response.status_code == 201, response.json()
    entry = response.json()
    assert entry["title"] == "Testkurs" and entry["licence"] == "CC BY-SA 4.0"
    assert entry["size"] == len(small_package)
    manifest = json.loads(unzip(small_package)["manifest.json"])
    assert entry["origin"] == {
        "installation": manifest["origin"]["installation"],
        "name": manifest["origin"]["name"],  # the origin town
        "course_id": manifest["origin"]["course_id"],
    }
    assert entry["version"] == manifest["version"] and entry["summary"]
    assert datetime.datetime.fromisoformat(entry["published_at"])  # the date

    page = subscriber.get(LIST).json()
    assert page == {"count": 1, "next": None, "previous": None, "results": [entry]}
    download = subscriber.get(f"{LIST}{entry['id']}/package/")
    assert download.status_code == 200
    assert unzip(b"".join(download.streaming_content)) == unzip(small_package)

    again = admin.post(LIST, {"file": io.BytesIO(small_package)}, format="multipart")
    assert again.status_code == 400
    assert "ist nicht neuer als die Version" in again.json()["errors"]["file"][0]
    assert CatalogueEntry.objects.count() == 1


@pytest.mark.django_db
def test_subscriber_may_not_publish_and_others_see_nothing(
    settings, subscriber, make_person, small_package
):
    settings.LOTSE_EXCHANGE_CATALOGUE = True
    refused = subscriber.post(
        LIST, {"file": io.BytesIO(small_package)}, format="multipart"
    )
    assert refused.status_code == 403
    employee = APIClient()
    employee.force_authenticate(make_person())
    assert employee.get(LIST).status_code == 403
    assert APIClient().get(LIST).status_code == 401


@pytest.mark.django_db
def test_not_a_catalogue_answers_404(settings, subscriber):
    settings.LOTSE_EXCHANGE_CATALOGUE = False
    response = subscriber.get(LIST)
    assert response.status_code == 404
    assert response.json()["detail"] == "Diese Installation ist keine Kursbörse."
