"""The learning-event log as xAPI 1.0.3 statements: shape by the spec's rules,
paging with `more`, `since`, and who may read them."""

import datetime as dt
import re
import uuid

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from lms.roles import LRS_CLIENT_GROUP
from lms.services.events import event_log

URL = "/api/v1/xapi/statements/"
UUID = re.compile(
    r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
)
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
ABSOLUTE_IRI = re.compile(r"^[a-z][a-z0-9+.-]*://[^\s]+$")


@pytest.fixture
def people(make_person):
    return make_person(
        username="anna.amsel",
        first_name="Anna",
        last_name="Amsel",
        email="anna@musterstadt.example",
    ), make_person(username="bert")


@pytest.fixture
def events(people):
    anna, bert = people
    start = timezone.now() - dt.timedelta(hours=2)
    made = [
        event_log(
            actor_id=anna.pk,
            verb="registered",
            object_type="course",
            object_id=4,
            course_id=4,
            now=start,
        ),
        event_log(
            actor_id=anna.pk,
            verb="completed",
            object_type="lesson",
            object_id=5,
            course_id=4,
            completion=True,
            now=start + dt.timedelta(minutes=1),
        ),
        event_log(
            actor_id=anna.pk,
            verb="attempted",
            object_type="quiz",
            object_id="5:quiz-1",
            course_id=4,
            score=40,
            now=start + dt.timedelta(minutes=2),
        ),
        event_log(
            actor_id=anna.pk,
            verb="passed",
            object_type="quiz",
            object_id="5:quiz-1",
            course_id=4,
            score=90,
            success=True,
            now=start + dt.timedelta(minutes=3),
        ),
        event_log(
            actor_id=bert.pk,
            verb="assigned",
            object_type="course",
            object_id=4,
            course_id=4,
            now=start + dt.timedelta(minutes=4),
        ),
        event_log(
            actor_id=bert.pk,
            verb="failed",
            object_type="quiz",
            object_id="5:quiz-1",
            course_id=4,
            score=0,
            success=False,
            now=start + dt.timedelta(minutes=5),
        ),
        event_log(
            actor_id=anna.pk,
            verb="earned",
            object_type="certificate",
            object_id=77,
            course_id=4,
            now=start + dt.timedelta(minutes=6),
        ),
    ]
    return made


@pytest.fixture
def admin_client(django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_superuser("root", password="x"))
    return client


def _all(client, url=URL):
    statements = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        assert response["X-Experience-API-Version"] == "1.0.3"
        body = response.json()
        statements += body["statements"]
        url = body["more"]
    return statements


def assert_valid_statement(statement, *, base_url):
    """The rules of xAPI 1.0.3 (Data, section 2) that apply to these statements."""
    assert UUID.match(statement["id"])
    actor = statement["actor"]
    assert actor["objectType"] == "Agent"
    identifiers = {"mbox", "mbox_sha1sum", "openid", "account"} & set(actor)
    assert identifiers == {"account"}  # exactly one inverse functional identifier
    assert set(actor["account"]) == {"homePage", "name"}
    assert ABSOLUTE_IRI.match(actor["account"]["homePage"])
    assert "name" not in actor  # no person's name
    verb = statement["verb"]
    assert verb["id"].startswith("http://adlnet.gov/expapi/verbs/")
    assert all(re.match(r"^[a-z]{2}-[A-Z]{2}$", tag) for tag in verb["display"])
    activity = statement["object"]
    assert activity["objectType"] == "Activity"
    assert ABSOLUTE_IRI.match(activity["id"]) and activity["id"].startswith(base_url)
    assert ABSOLUTE_IRI.match(activity["definition"]["type"])
    for parent in (
        statement.get("context", {}).get("contextActivities", {}).get("parent", [])
    ):
        assert parent["id"].startswith(base_url)
    result = statement.get("result", {})
    if "score" in result:
        score = result["score"]
        assert -1 <= score["scaled"] <= 1
        assert score["min"] <= score["raw"] <= score["max"]
    for flag in ("success", "completion"):
        if flag in result:
            assert isinstance(result[flag], bool)
    assert ISO.match(statement["timestamp"])
    assert statement["version"] == "1.0.3"


@pytest.mark.django_db
def test_statements_follow_the_spec(admin_client, events, people, settings):
    statements = _all(admin_client)
    assert len(statements) == 6  # "assigned" has no ADL verb and is left out
    for statement in statements:
        assert_valid_statement(statement, base_url=settings.LOTSE_BASE_URL)
    text = str(statements)
    anna = people[0]
    for personal in ("Anna", "Amsel", "anna.amsel", "anna@musterstadt.example"):
        assert personal not in text
    names = {s["actor"]["account"]["name"] for s in statements}
    assert len(names) == 2  # one stable pseudonym per person
    assert str(anna.pk) not in names
    by_verb = {s["verb"]["id"].rsplit("/", 1)[1]: s for s in statements}
    assert set(by_verb) == {
        "registered",
        "completed",
        "attempted",
        "passed",
        "failed",
        "satisfied",
    }
    assert by_verb["passed"]["result"] == {
        "score": {"scaled": 0.9, "raw": 90, "min": 0, "max": 100},
        "success": True,
    }
    assert by_verb["completed"]["result"] == {"completion": True}
    assert by_verb["passed"]["context"]["contextActivities"]["parent"][0][
        "id"
    ].endswith("/xapi/activities/course/4")
    # Stable ids: the same event gives the same statement id every time.
    assert [s["id"] for s in _all(admin_client)] == [s["id"] for s in statements]
    assert uuid.UUID(statements[0]["id"]).version == 5


@pytest.mark.django_db
def test_pages_with_more_and_since(admin_client, events):
    everything = _all(admin_client)
    first = admin_client.get(URL + "?limit=2").json()
    assert len(first["statements"]) == 2
    assert first["more"].startswith(URL + "?")
    paged = _all(admin_client, URL + "?limit=2")
    assert [s["id"] for s in paged] == [s["id"] for s in everything]
    since = events[3].timestamp.isoformat()
    recent = _all(
        admin_client, URL + "?" + f"since={since.replace('+', '%2B')}&limit=1"
    )
    assert [s["verb"]["id"].rsplit("/", 1)[1] for s in recent] == [
        "passed",
        "failed",
        "satisfied",
    ]


@pytest.mark.django_db
def test_invalid_parameters_are_a_german_400(admin_client, events):
    response = admin_client.get(URL + "?since=gestern")
    assert response.status_code == 400
    assert response.json()["errors"]["since"] == [
        "Bitte einen Zeitpunkt nach ISO 8601 mit Zeitzone angeben, z. B. "
        "2026-11-30T08:00:00Z."
    ]
    for limit in ("-3", "³", "٣", "9" * 5000):  # "³" and "٣" pass str.isdigit()
        response = admin_client.get(URL + "?limit=" + limit)
        assert response.status_code == 400, limit
        assert "limit" in response.json()["errors"]


@pytest.mark.django_db
def test_only_administrators_and_lrs_clients_read_statements(make_person, events):
    assert Client().get(URL).status_code == 401
    for role in ("employee", "trainer", "head", "training_admin"):
        client = Client()
        client.force_login(make_person(role_names={role}))
        response = client.get(URL)
        assert response.status_code == 403, role
    lrs = make_person(username="lrs-konto")
    lrs.groups.add(Group.objects.get(name=LRS_CLIENT_GROUP))
    client = Client()
    client.force_login(lrs)
    assert client.get(URL).status_code == 200
