"""The training admin starts and ends pulse-survey waves on the initiative's page."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from analytics.models import SurveyWave
from analytics.tasks import survey_invitations_send


@pytest.fixture
def admin_client(client, town):
    client.force_login(town["training_admin"])
    return client


def start_url(initiative) -> str:
    return f"/auswertungen/initiativen/{initiative.pk}/befragungsrunde/"


def test_start_asks_for_confirmation_first_and_creates_nothing(admin_client, town):
    response = admin_client.get(start_url(town["initiative"]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Wirklich starten?" in html
    assert "Ja, Befragungsrunde starten" in html
    two_weeks = timezone.localdate() + dt.timedelta(days=13)
    assert f'value="{two_weeks.isoformat()}"' in html
    assert not SurveyWave.objects.exists()


def test_confirmed_start_opens_the_wave_and_invites_everyone_in_scope(
    admin_client, celery_eager, django_capture_on_commit_callbacks, town
):
    today = timezone.localdate()
    closes_on = today + dt.timedelta(days=7)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            start_url(town["initiative"]),
            {"title": "Stimmungsbild Dezember", "closes_on": closes_on.isoformat()},
            follow=True,
        )

    wave = SurveyWave.objects.get()
    assert (wave.title, wave.opens_on, wave.closes_on) == (
        "Stimmungsbild Dezember",
        today,
        closes_on,
    )
    html = response.content.decode()
    assert "Die Befragungsrunde „Stimmungsbild Dezember“ läuft bis zum" in html
    assert "läuft" in html and "Runde beenden" in html
    # Every one of the 32 people of the initiative's units gets one e-mail.
    people = [p for unit in town["people"].values() for p in unit]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    # And finds the survey under "Meine Bereitschaft".
    admin_client.force_login(town["employee"])
    assert admin_client.get(f"/lernen/befragung/{wave.pk}/").status_code == 200


def test_a_second_wave_cannot_start_while_one_is_open(admin_client, town):
    today = timezone.localdate()
    SurveyWave.objects.create(
        initiative=town["initiative"],
        title="Erste Runde",
        opens_on=today,
        closes_on=today + dt.timedelta(days=7),
    )

    response = admin_client.post(
        start_url(town["initiative"]),
        {"title": "Zweite Runde", "closes_on": today.isoformat()},
    )

    assert response.status_code == 200
    assert "Für dieses Vorhaben läuft schon eine Befragungsrunde." in (
        response.content.decode()
    )
    assert list(SurveyWave.objects.values_list("title", flat=True)) == ["Erste Runde"]


def test_a_last_day_in_the_past_is_refused(admin_client, town):
    yesterday = timezone.localdate() - dt.timedelta(days=1)

    response = admin_client.post(
        start_url(town["initiative"]),
        {"title": "Zu spät", "closes_on": yesterday.isoformat()},
    )

    assert "Der letzte Tag der Runde darf nicht vorbei sein." in (
        response.content.decode()
    )
    assert not SurveyWave.objects.exists()


def test_ending_a_wave_closes_the_survey_at_once(admin_client, celery_eager, town):
    today = timezone.localdate()
    wave = SurveyWave.objects.create(
        initiative=town["initiative"],
        title="Stimmungsbild",
        opens_on=today,
        closes_on=today + dt.timedelta(days=7),
    )

    response = admin_client.post(
        f"/auswertungen/befragungen/{wave.pk}/beenden/", follow=True
    )

    html = response.content.decode()
    assert "Die Befragungsrunde „Stimmungsbild“ ist beendet." in html
    assert "beendet am" in html and "Runde beenden" not in html
    again = admin_client.post(
        f"/auswertungen/befragungen/{wave.pk}/beenden/", follow=True
    )
    assert "Diese Befragungsrunde war schon beendet." in again.content.decode()
    # Nobody can answer any more, and the morning run invites nobody.
    admin_client.force_login(town["employee"])
    assert admin_client.get(f"/lernen/befragung/{wave.pk}/").status_code == 404
    assert survey_invitations_send.delay(wave_id=wave.pk).get() == 0
    assert mail.outbox == []
    # A new wave may start now.
    admin_client.force_login(town["training_admin"])
    admin_client.post(
        start_url(town["initiative"]),
        {"title": "Neue Runde", "closes_on": today.isoformat()},
    )
    assert SurveyWave.objects.filter(title="Neue Runde").exists()


def test_heads_may_neither_start_nor_end_a_wave(client, town):
    today = timezone.localdate()
    wave = SurveyWave.objects.create(
        initiative=town["initiative"],
        title="Stimmungsbild",
        opens_on=today,
        closes_on=today + dt.timedelta(days=7),
    )
    client.force_login(town["head"])

    started = client.post(
        start_url(town["initiative"]),
        {"title": "Von der Leitung", "closes_on": today.isoformat()},
    )
    ended = client.post(f"/auswertungen/befragungen/{wave.pk}/beenden/")

    assert (started.status_code, ended.status_code) == (403, 403)
    assert SurveyWave.objects.count() == 1
    wave.refresh_from_db()
    assert wave.closed_at is None


def test_the_initiative_page_shows_its_dates_in_the_date_fields(admin_client, town):
    # A browser's date field shows ISO dates only; "01.06.2026" would stay empty.
    html = admin_client.get(
        f"/auswertungen/initiativen/{town['initiative'].pk}/"
    ).content.decode()
    assert 'type="date" name="go_live" value="2026-06-01"' in html
    assert "Befragungsrunde starten" in html and "Noch keine Befragungsrunde." in html
