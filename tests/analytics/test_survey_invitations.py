"""Pulse-survey invitations by e-mail: once per wave and person in scope."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from analytics.models import SurveyInvitation, SurveyWave
from analytics.tasks import survey_invitations_send, survey_invitations_send_open


@pytest.fixture
def wave(town):
    today = timezone.localdate()
    return SurveyWave.objects.create(
        initiative=town["initiative"],
        title="Stimmungsbild Hund",
        opens_on=today,
        closes_on=today + dt.timedelta(days=14),
    )


def in_scope(town) -> list:
    return [person for people in town["people"].values() for person in people]


def test_everyone_in_scope_gets_one_invitation_by_email(
    settings, celery_eager, town, wave
):
    settings.LOTSE_BASE_URL = "https://lotse.example.de"

    assert survey_invitations_send.delay(wave_id=wave.pk).get() == 32

    people = in_scope(town)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    message = mail.outbox[0]
    assert message.subject == (
        "Kurze Befragung: Wie geht es Ihnen mit „Hund anmelden – digital“?"
    )
    link = f"https://lotse.example.de/lernen/befragung/{wave.pk}/"
    assert link in message.body
    assert "weniger als eine Minute" in message.body
    assert "freiwillig" in message.body and "ohne Ihren Namen" in message.body
    # Head and training admin sit in a unit outside the initiative: no mail.
    addresses = {m.to[0] for m in mail.outbox}
    assert town["head"].email not in addresses
    assert town["training_admin"].email not in addresses
    wave.refresh_from_db()
    assert wave.invited_at is not None


def test_a_second_run_sends_nothing_and_newcomers_get_theirs(
    celery_eager, make_person, town, wave
):
    survey_invitations_send.delay(wave_id=wave.pk)
    mail.outbox.clear()

    assert survey_invitations_send.delay(wave_id=wave.pk).get() == 0
    assert mail.outbox == []

    newcomer = make_person(unit=town["units"]["team-c"])
    assert survey_invitations_send.delay(wave_id=wave.pk).get() == 1
    assert [m.to for m in mail.outbox] == [[newcomer.email]]
    assert SurveyInvitation.objects.filter(wave=wave).count() == 33


def test_the_morning_run_invites_for_open_waves_only(celery_eager, town, wave):
    today = timezone.localdate()
    SurveyWave.objects.create(
        initiative=town["initiative"],
        title="Vorige Runde",
        opens_on=today - dt.timedelta(days=30),
        closes_on=today - dt.timedelta(days=16),
    )

    assert survey_invitations_send_open.delay().get() == [wave.pk]
    assert len(mail.outbox) == 32
    assert set(SurveyInvitation.objects.values_list("wave_id", flat=True)) == {wave.pk}

    survey_invitations_send_open.delay()
    assert len(mail.outbox) == 32


def test_a_closed_wave_sends_no_invitation(celery_eager, town, wave):
    wave.closes_on = timezone.localdate() - dt.timedelta(days=1)
    wave.save()
    assert survey_invitations_send.delay(wave_id=wave.pk).get() == 0
    assert mail.outbox == []
