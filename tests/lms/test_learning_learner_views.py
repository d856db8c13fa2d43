"""What the learner sees: own quiz answers beside the result, own status and
mandatory marks in the catalogue, the course duration as the sum of its lessons,
the acknowledgement sentence once."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from lms import roles
from lms.models import Enrolment
from lms.services.enrolments import enrolment_create
from tests.support.learning import Q_NUM, Q_SINGLE


def _cards(page: str) -> dict[str, str]:
    """The catalogue's course cards by course title."""
    cards = {}
    for card in page.split('<li class="card course-card">')[1:]:
        card = card.split("</li>", 1)[0]
        title = re.search(r'<h3 class="card__title"><a [^>]*>([^<]+)</a>', card)[1]
        cards[title] = card
    return cards


@pytest.fixture
def learner(catalogue, make_person):
    roles.sync_groups()
    return make_person(first_name="Erika", last_name="Mustermann")


@pytest.fixture
def browser_client(client, learner):
    client.force_login(learner)
    return client


def test_quiz_result_shows_my_own_answers(catalogue, browser_client):
    lesson = catalogue.quiz_lesson
    url = reverse("learning:quiz_submit", args=[lesson.id, catalogue.quiz_block_id])
    browser_client.post(url, {f"q-{Q_SINGLE}": "1", f"q-{Q_NUM}": "95,5"})
    page = browser_client.get(lesson.url).content.decode()
    assert "Ihre Antwort: Daten für alles" in page
    assert "Ihre Antwort: 95,5 €" in page
    assert "nicht beantwortet" in page  # the questions left open


def test_each_learner_sees_own_last_answers_and_alike_answers_share_a_rendering(
    catalogue, make_person
):
    """The questions with a learner's last answers are kept once per distinct
    answer (courses/templatetags/lesson_cache.py): never another's answer."""
    lesson = catalogue.quiz_lesson
    url = reverse("learning:quiz_submit", args=[lesson.id, catalogue.quiz_block_id])

    def answered(choice: str, number: str):
        client = Client()
        client.force_login(make_person())
        client.post(url, {f"q-{Q_SINGLE}": choice, f"q-{Q_NUM}": number})
        return client.get(lesson.url)

    def shown(response) -> tuple[str, str]:
        page = response.content.decode()
        radio = re.search(rf'name="q-{Q_SINGLE}" value="(\d)" checked', page)[1]
        number = re.search(rf'name="q-{Q_NUM}" value="([^"]*)"', page)[1]
        return radio, number

    def rendered(response) -> set[str]:
        return {t.name for t in response.templates}

    first = answered("1", "95,5")
    other = answered("0", "12")
    alike = answered("1", "95,5")
    assert shown(first) == ("1", "95,5")
    assert shown(other) == ("0", "12")
    assert shown(alike) == ("1", "95,5")
    single = "courses/blocks/question_single.html"
    assert single in rendered(first) and single in rendered(other)
    assert single not in rendered(alike)  # the first learner's rendering, kept


def test_acknowledgement_sentence_is_said_once(catalogue, browser_client):
    page = browser_client.get(catalogue.ack_lesson.url).content.decode()
    assert page.count("Ich habe die Inhalte gelesen und verstanden.") == 1
    assert "Ich habe den Text gelesen und verstanden." not in page
    browser_client.post(
        reverse(
            "learning:acknowledge",
            args=[catalogue.ack_lesson.id, catalogue.ack_block_id],
        ),
        {"confirm": "yes"},
    )
    page = browser_client.get(catalogue.ack_lesson.url).content.decode()
    assert page.count("Ich habe die Inhalte gelesen und verstanden.") == 1
    assert "Bestätigt am" in page


def test_catalogue_shows_my_status_and_what_is_mandatory_for_me(
    catalogue, learner, browser_client
):
    enrolment_create(user=learner, course_id=catalogue.datenschutz.id)
    Enrolment.objects.filter(user=learner).update(source=Enrolment.SOURCE_RULE)
    enrolment_create(user=learner, course_id=catalogue.optional.id)
    page = browser_client.get("/kurse/").content.decode()
    cards = _cards(page)
    assert "Pflicht für Sie" in cards[catalogue.datenschutz.title]
    assert "Ihr Stand: offen" in cards[catalogue.datenschutz.title]
    assert "Pflicht für Sie" not in cards[catalogue.optional.title]
    assert "Ihr Stand: offen" in cards[catalogue.optional.title]
    assert "Ihr Stand" not in cards[catalogue.hund.title]


def test_course_duration_is_the_sum_of_its_lessons(catalogue, browser_client):
    for minutes, lesson in zip(
        (10, 15, 20), catalogue.datenschutz_lessons, strict=True
    ):
        lesson.estimated_minutes = minutes
        lesson.save_revision().publish()
    course_page = browser_client.get(catalogue.datenschutz.url).content.decode()
    assert "45 Minuten" in course_page and "30 Minuten" not in course_page
    cards = _cards(browser_client.get("/kurse/").content.decode())
    assert "45 Minuten" in cards[catalogue.datenschutz.title]
