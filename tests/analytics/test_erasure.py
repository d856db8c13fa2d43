"""Erasing a person (DESIGN §7.6) severs the link to their survey answers and
takes their name out of the access log; the wave's figures and the log's entries
stay, and the log still refuses every other change."""

import datetime as dt

import pytest
from django.utils import timezone

from analytics.models import (
    AccessLog,
    AppendOnlyError,
    Initiative,
    SurveyAnswer,
    SurveyInvitation,
    SurveyWave,
)
from analytics.services.access_log import access_log_record
from analytics.services.surveys import survey_answer_submit, survey_pseudonym
from lms.services.erasure import person_erase
from tests.support.factories import OrgUnitFactory

ANSWER = {
    "awareness": 4,
    "desire": 2,
    "knowledge": 3,
    "ability": 5,
    "reinforcement": 1,
}


@pytest.fixture
def wave(db):
    initiative = Initiative.objects.create(
        title="Hund anmelden – digital",
        go_live=dt.date(2026, 6, 1),
        process_ids=["hund_anmelden"],
        course_ids=[],
        target_share=80,
    )
    today = timezone.localdate()
    return SurveyWave.objects.create(
        initiative=initiative,
        title="Herbst",
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=7),
    )


def test_erasure_severs_survey_links_and_renames_the_access_log(make_person, wave):
    unit = OrgUnitFactory()
    person = make_person(unit=unit, username="hanna.haselnuss")
    colleague = make_person(unit=unit)
    for who in (person, colleague):
        survey_answer_submit(
            wave=wave, user_id=who.pk, org_unit_id=unit.pk, values=ANSWER
        )
    access_log_record(
        user=person, action=AccessLog.Action.VIEW, target="dashboard", filters={}
    )
    for who in (person, colleague):
        SurveyInvitation.objects.create(wave=wave, user=who, sent_at=timezone.now())

    person_erase(user=person, actor=None)

    person.refresh_from_db()
    answers = SurveyAnswer.objects.filter(wave=wave)
    assert answers.count() == 2  # the wave's figures keep the answer
    assert not answers.filter(pseudonym=survey_pseudonym(wave.pk, person.pk)).exists()
    assert answers.filter(pseudonym=survey_pseudonym(wave.pk, colleague.pk)).exists()
    invited = SurveyInvitation.objects.values_list("user_id", flat=True)
    assert list(invited) == [colleague.pk]
    entry = AccessLog.objects.get()
    assert entry.username == person.username != "hanna.haselnuss"
    assert not AccessLog.objects.filter(username="hanna.haselnuss").exists()
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.filter(pk=entry.pk).update(username="x")
