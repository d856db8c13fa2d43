"""The demo's analytics show something meaningful on every chart: three initiatives
past their go-live, a survey wave answered by most staff in scope, 26 weeks of
adoption figures, small units with "< 5", a complementary case and a unit that is
ready but does not use the digital process."""

from django.utils import timezone
from rest_framework.test import APIClient

from analytics.models import AdoptionFigure, Initiative, ReadinessAggregate, SurveyWave
from analytics.selectors.scope import process_scopes
from analytics.selectors.surveys import wave_scope_user_ids
from lms import roles
from lms.models import OrgUnit


def cells(role_user, process: str) -> dict[str, dict]:
    client = APIClient()
    client.force_authenticate(role_user(roles.TRAINING_ADMIN))
    response = client.get(
        "/api/v1/analytics/readiness/", {"process": process, "page_size": 200}
    )
    assert response.status_code == 200
    return {cell["org_unit"]: cell for cell in response.json()["cells"]}


def test_three_initiatives_with_a_survey_and_half_a_year_of_adoption(demo_town):
    today = timezone.localdate()
    initiatives = list(Initiative.objects.order_by("title"))
    assert [i.title for i in initiatives] == [
        "Bauantrag digital",
        "Hund anmelden – digital",
        "Personalausweis digital",
    ]
    assert all(i.go_live < today and i.course_ids for i in initiatives)
    for wave in SurveyWave.objects.all():
        in_scope = len(wave_scope_user_ids(wave))
        assert wave.answers.count() > in_scope / 2, wave.title
    # Every unit in scope of each initiative reports 26 weeks of its process.
    codes = dict(OrgUnit.objects.values_list("id", "code"))
    in_scope = {
        (codes[unit_id], process_id)
        for process_id, scope in process_scopes().items()
        for unit_id in scope.unit_ids
    }
    assert len(in_scope) == 11  # 5 units for the dog, 4 for the passport, 2 building
    weeks: dict[tuple, list] = {}
    for code, process_id, digital, total in AdoptionFigure.objects.order_by(
        "week_start"
    ).values_list("org_unit__code", "process_id", "digital", "total"):
        weeks.setdefault((code, process_id), []).append((digital, total))
    assert set(weeks) == in_scope
    for key, figures in weeks.items():
        assert len(figures) == 26, key
        assert all(0 <= digital <= total for digital, total in figures), key
        # Believable: the digital share rises from the first to the last two months.
        first, last = figures[:8], figures[-8:]
        share = [
            sum(d for d, _t in part) / sum(t for _d, t in part)
            for part in (first, last)
        ]
        assert share[0] < share[1], key
    assert ReadinessAggregate.objects.values("day").distinct().count() > 1  # a trend


def test_small_units_and_the_complementary_case_are_suppressed(demo_town, role_user):
    dog = cells(role_user, "hund_anmelden")
    for small in ("rechnungspruefung", "gleichstellung", "datenschutz"):
        assert dog[small]["suppressed"] and dog[small]["readiness"] is None
    passport = cells(role_user, "personalausweis")
    # Team Pass- und Ausweiswesen has enough people, but the Bürgerbüro minus its
    # other team would reveal its figure: it is suppressed as well.
    today = timezone.localdate()
    assert (
        ReadinessAggregate.objects.get(
            day=today, org_unit__code="bb-pass", process_id="personalausweis"
        ).n
        >= 5
    )
    assert passport["bb-pass"]["suppressed"] and passport["bb-pass"]["n"] is None


def test_the_building_authority_is_ready_but_not_using(demo_town, role_user):
    building = cells(role_user, "bauantrag")["bauaufsicht"]
    assert not building["suppressed"]
    assert building["readiness"] >= 60 and building["adoption"] < 0.2
    dog = cells(role_user, "hund_anmelden")["ordnungsamt"]
    assert dog["adoption"] > 0.5  # the others do use theirs
    # It is the one unit that is clearly ready but not using: every other unit
    # with figures handles at least a quarter of its cases digitally (the town as
    # a whole sums its units, the Bauaufsicht included).
    low = [
        (code, process)
        for process in ("hund_anmelden", "personalausweis", "bauantrag")
        for code, cell in cells(role_user, process).items()
        if code != "stadt" and cell["adoption"] is not None and cell["adoption"] < 0.25
    ]
    assert low == [("bauaufsicht", "bauantrag")]
