"""The in-app invitation: an open wave on the start page of the people in scope
until they answer it or the wave ends (the start page's fragments are cached)."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from analytics.models import SurveyWave
from tests.support.factories import OrgUnitFactory

INVITATION = "Kurze Umfrage: Hund anmelden – digital"
ANSWER = {
    "awareness": "5",
    "desire": "4",
    "knowledge": "3",
    "ability": "4",
    "reinforcement": "3",
}


@pytest.fixture
def clients(town, make_person):
    cache.clear()
    outsider = make_person(unit=OrgUnitFactory(code="anderswo", name="Anderswo"))
    people = {
        "admin": town["training_admin"],
        "employee": town["employee"],
        "colleague": town["people"]["kasse"][0],
        "outsider": outsider,
    }
    clients = {}
    for name, person in people.items():
        clients[name] = Client()
        clients[name].force_login(person)
    yield clients
    cache.clear()


def start_page(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_start_page_invites_until_answered_or_ended(
    clients, town, celery_eager, django_capture_on_commit_callbacks
):
    # Visited before: their start pages are in the cache without an invitation.
    for name in ("employee", "colleague", "outsider"):
        assert INVITATION not in start_page(clients[name])

    closes_on = timezone.localdate() + dt.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        clients["admin"].post(
            f"/auswertungen/initiativen/{town['initiative'].pk}/befragungsrunde/",
            {"title": "Stimmungsbild", "closes_on": closes_on.isoformat()},
        )
    wave = SurveyWave.objects.get()
    survey = f"/lernen/befragung/{wave.pk}/"
    for name in ("employee", "colleague"):
        html = start_page(clients[name])
        assert INVITATION in html and "Unter einer Minute, freiwillig" in html
        assert f'href="{survey}"' in html
    assert INVITATION not in start_page(clients["outsider"])  # not in scope

    with django_capture_on_commit_callbacks(execute=True):
        response = clients["employee"].post(survey, ANSWER, follow=True)
    assert "ohne Ihren Namen" in response.content.decode()
    assert INVITATION not in start_page(clients["employee"])
    assert INVITATION in start_page(clients["colleague"])

    with django_capture_on_commit_callbacks(execute=True):
        clients["admin"].post(f"/auswertungen/befragungen/{wave.pk}/beenden/")
    assert INVITATION not in start_page(clients["colleague"])


def test_a_wave_closing_by_date_leaves_the_start_page(clients, town, time_machine):
    today = timezone.localdate()
    SurveyWave.objects.create(
        initiative=town["initiative"],
        title="Stimmungsbild",
        opens_on=today,
        closes_on=today + dt.timedelta(days=1),
    )
    assert INVITATION in start_page(clients["employee"])
    time_machine.move_to(today + dt.timedelta(days=2))
    assert INVITATION not in start_page(clients["employee"])


def test_a_unit_added_to_the_initiative_is_invited_at_once(
    catalogue, clients, town, django_capture_on_commit_callbacks
):
    from analytics.services.initiatives import initiative_save

    today = timezone.localdate()
    initiative = town["initiative"]
    SurveyWave.objects.create(
        initiative=initiative,
        title="Stimmungsbild",
        opens_on=today,
        closes_on=today + dt.timedelta(days=7),
    )
    assert INVITATION not in start_page(clients["outsider"])
    outsider_unit = OrgUnitFactory._meta.model.objects.get(code="anderswo")
    with django_capture_on_commit_callbacks(execute=True):
        initiative_save(
            initiative=initiative,
            title=initiative.title,
            go_live=initiative.go_live,
            process_ids=initiative.process_ids,
            course_ids=[catalogue.datenschutz.id],
            org_unit_ids=[
                *initiative.org_units.values_list("id", flat=True),
                outsider_unit.pk,
            ],
            target_share=initiative.target_share,
        )
    assert INVITATION in start_page(clients["outsider"])


def test_a_person_assigned_a_course_of_the_initiative_is_invited(
    catalogue, clients, town, make_person
):
    from lms.models import Enrolment
    from lms.services.enrolments import enrolment_new

    initiative = town["initiative"]
    initiative.course_ids = [catalogue.datenschutz.id]
    initiative.save()
    SurveyWave.objects.create(
        initiative=initiative,
        title="Stimmungsbild",
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate() + dt.timedelta(days=7),
    )
    assert INVITATION not in start_page(clients["outsider"])  # another unit

    outsider = clients["outsider"].get("/").wsgi_request.user
    enrolment_new(  # as an assignment rule does
        user_id=outsider.pk,
        course_id=catalogue.datenschutz.id,
        source=Enrolment.SOURCE_RULE,
        now=timezone.now(),
    )
    assert INVITATION in start_page(clients["outsider"])  # assigned its course


def test_a_learning_step_keeps_the_invitation_without_asking_again(
    catalogue, clients, town
):
    """The invitation shows nothing of the person's progress: a finished lesson
    rebuilds the start page but not the invitation (lms.fragments)."""
    from lms.services.enrolments import enrolment_create
    from lms.services.progress import lesson_complete

    SurveyWave.objects.create(
        initiative=town["initiative"],
        title="Stimmungsbild",
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate() + dt.timedelta(days=7),
    )
    employee = town["employee"]
    enrolment_create(user=employee, course_id=catalogue.datenschutz.id)
    assert INVITATION in start_page(clients["employee"])

    lesson_complete(user=employee, lesson_id=catalogue.datenschutz_lessons[0].id)
    response = clients["employee"].get("/")
    rendered = {template.name for template in response.templates}
    assert "lms/learning/home_section.html" in rendered  # the progress: anew
    assert "analytics/survey_invitation_card.html" not in rendered  # kept
    assert INVITATION in response.content.decode()
