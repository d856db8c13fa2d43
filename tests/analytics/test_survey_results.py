"""One answer per person and wave (changeable, repeatable per wave); a wave's results:
shown from 5 answers on; free text only for the training admin,
only in groups of at least 5 and without names; heads never see it."""

import datetime as dt

import pytest
from django.utils import timezone

from analytics.models import SurveyWave
from analytics.services.surveys import survey_answer_submit

VALUES = {"awareness": 4, "desire": 5, "knowledge": 3, "ability": 2, "reinforcement": 4}


@pytest.fixture
def wave(town):
    today = timezone.localdate()
    return SurveyWave.objects.create(
        initiative=town["initiative"],
        title="Stimmungsbild Frühjahr",
        opens_on=today,
        closes_on=today + dt.timedelta(days=7),
    )


def answer(wave, people, concerns=()):
    for index, person in enumerate(people):
        survey_answer_submit(
            wave=wave,
            user_id=person.pk,
            org_unit_id=None,
            values=VALUES,
            concern=concerns[index] if index < len(concerns) else "",
        )


def results_page(client, user, wave) -> str:
    client.force_login(user)
    response = client.get(f"/auswertungen/befragungen/{wave.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_four_answers_show_nothing(client, town, wave):
    answer(wave, town["people"]["archiv"], concerns=["Der Drucker fehlt"] * 4)
    html = results_page(client, town["training_admin"], wave)
    assert "Ergebnisse erscheinen erst ab 5 Antworten" in html
    assert "Der Drucker fehlt" not in html
    assert "Mittelwert" not in html


def test_five_answers_show_the_means_but_four_texts_stay_hidden(client, town, wave):
    people = town["people"]["kasse"]
    answer(wave, people, concerns=["Zu wenig Zeit"] * 4)
    html = results_page(client, town["training_admin"], wave)
    assert "5 Antworten" in html
    assert "Ich weiß, warum das Vorhaben „Hund anmelden – digital“ kommt." in html
    assert "awareness" not in html  # the statements, not the field names
    assert "4,0" in html and "5,0" in html and "2,0" in html  # German decimals
    assert "Zu wenig Zeit" not in html
    assert "Weniger als 5 Texte: Sie werden nicht gezeigt." in html


def test_five_texts_are_shown_without_names(client, town, wave):
    people = town["people"]["kasse"]
    texts = [f"Anregung {i}" for i in range(5)]
    answer(wave, people, concerns=texts)
    html = results_page(client, town["training_admin"], wave)
    assert all(text in html for text in texts)
    for person in people:
        assert person.last_name not in html and person.username not in html


def test_heads_and_staff_never_see_the_results(client, town, wave):
    answer(wave, town["people"]["kasse"], concerns=["Anregung"] * 5)
    for user in (town["head"], town["employee"]):
        client.force_login(user)
        assert client.get(f"/auswertungen/befragungen/{wave.pk}/").status_code == 403


def test_a_person_answers_once_per_wave_and_may_change_the_answer(town, wave):
    from analytics.models import SurveyAnswer

    person = town["employee"]
    answer(wave, [person])
    survey_answer_submit(
        wave=wave,
        user_id=person.pk,
        org_unit_id=None,
        values=dict(VALUES, desire=1),
    )
    assert SurveyAnswer.objects.filter(wave=wave).count() == 1
    assert SurveyAnswer.objects.get(wave=wave).desire == 1

    today = timezone.localdate()
    next_wave = SurveyWave.objects.create(
        initiative=town["initiative"],
        title="Stimmungsbild Sommer",
        opens_on=today,
        closes_on=today + dt.timedelta(days=7),
    )
    answer(next_wave, [person])
    assert SurveyAnswer.objects.count() == 2  # repeatable: one answer per wave
