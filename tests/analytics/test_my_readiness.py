"""My readiness ("Meine Bereitschaft"): the next step links to the very lesson,
quiz or sandbox case the person should repeat or practise."""

import datetime as dt

import pytest

from analytics.models import Initiative, ReadinessSnapshot
from analytics.selectors.me import my_readiness
from analytics.services.recompute import readiness_recompute
from tests.support.factories import OrgUnitFactory
from tests.support.sandbox import play

PROCESS = "hund_anmelden"
PROCESS_PAGE = "/sandbox/prozess/hund_anmelden/"
# A Labrador declared dangerous and refused: a wrong branch, the run fails.
WRONG_VALUES = {
    "Task_Erfassen": {"rasse": "Labrador", "anzahl_hunde": 1},
    "Task_Gefahr": {"gefaehrlich": True},
    "Task_Erlaubnis": {"erlaubnis_erteilt": False},
}


@pytest.fixture
def people(catalogue, make_person):
    """Five people of one unit in scope of the dog process with the
    data-protection course (lessons 1–3, the quiz in lesson 2)."""
    unit = OrgUnitFactory(code="ordnungsamt", name="Ordnungsamt")
    initiative = Initiative.objects.create(
        title="Hund anmelden – digital",
        go_live=dt.date(2026, 6, 1),
        process_ids=[PROCESS],
        course_ids=[catalogue.datenschutz.id],
        target_share=80,
    )
    initiative.org_units.add(unit)
    return [make_person(unit=unit) for _ in range(5)]


def step_of(person) -> tuple[str, str]:
    [item] = my_readiness(person)
    return item.barrier, item.next_step.url


def play_case(person, case_id: str, values_for, django_capture_on_commit_callbacks):
    from sandbox import services

    with django_capture_on_commit_callbacks(execute=True):
        run = services.run_start(
            user=person, process_id=PROCESS, case_id=case_id, mode="practice"
        )
        return play(run, values_for)


def test_knowledge_step_links_the_first_lesson_not_done_or_the_quiz_failed(
    catalogue, people
):
    from lms.services.progress import lesson_complete
    from lms.services.quizzes import quiz_attempt_submit

    nothing_yet, quiz_failed = people[0], people[1]
    lesson_complete(user=quiz_failed, lesson_id=catalogue.datenschutz_lessons[0].id)
    quiz_attempt_submit(
        user=quiz_failed,
        lesson_id=catalogue.quiz_lesson.id,
        block_id=catalogue.quiz_block_id,
        answers={},
    )
    readiness_recompute()

    assert step_of(nothing_yet) == ("K", catalogue.datenschutz_lessons[0].url)
    quiz = f"{catalogue.quiz_lesson.url}#quiz-{catalogue.quiz_block_id}"
    assert step_of(quiz_failed) == ("K", quiz)


def test_ability_step_links_the_case_failed_or_not_yet_played(
    client, catalogue, people, django_capture_on_commit_callbacks
):
    passed_labrador, failed_zweithund = people[0], people[1]
    for person in (passed_labrador, failed_zweithund):
        catalogue.complete_datenschutz(person)
    with django_capture_on_commit_callbacks(execute=True):
        catalogue.pass_sandbox(passed_labrador, case_id="labrador")
    failed = play_case(
        failed_zweithund,
        "zweithund",
        WRONG_VALUES.__getitem__,
        django_capture_on_commit_callbacks,
    )
    assert failed.passed is False
    readiness_recompute()

    # Labrador passed: the next case of the process not played yet.
    assert step_of(passed_labrador) == ("Ab", f"{PROCESS_PAGE}?case=zweithund")
    # The failed case comes first, before the unplayed Labrador.
    assert step_of(failed_zweithund) == ("Ab", f"{PROCESS_PAGE}?case=zweithund")
    play_case(
        failed_zweithund,
        "labrador",
        WRONG_VALUES.__getitem__,
        django_capture_on_commit_callbacks,
    )
    readiness_recompute()
    assert step_of(failed_zweithund) == ("Ab", f"{PROCESS_PAGE}?case=labrador")

    # The page links there, and the process page opens with that case chosen.
    client.force_login(passed_labrador)
    html = client.get("/lernen/bereitschaft/").content.decode()
    assert f'href="{PROCESS_PAGE}?case=zweithund"' in html
    assert "Zweiter Hund im Haushalt (Dackel)" in html
    process_page = client.get(f"{PROCESS_PAGE}?case=zweithund").content.decode()
    assert '<option value="zweithund" selected>' in process_page
    assert ReadinessSnapshot.objects.filter(user=passed_labrador).count() == 1


def test_my_readiness_api_queries_do_not_grow_with_the_data(
    catalogue, people, make_person, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient

    me = people[0]
    catalogue.complete_datenschutz(me)
    play_case(
        me, "zweithund", WRONG_VALUES.__getitem__, django_capture_on_commit_callbacks
    )
    readiness_recompute()
    client = APIClient()
    client.force_authenticate(me)

    def queries() -> int:
        assert client.get("/api/v1/me/readiness/").status_code == 200  # caches warm
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/api/v1/me/readiness/")
        [item] = response.json()["results"]
        assert item["barrier"] == "Ab"
        return len(captured)

    few = queries()
    # A month of daily history, another failed run, and twenty more colleagues
    # who learned and practised.
    today = ReadinessSnapshot.objects.get(user=me)
    fields = {
        f.attname: getattr(today, f.attname)
        for f in ReadinessSnapshot._meta.concrete_fields
        if f.attname not in ("id", "day")
    }
    history = [
        ReadinessSnapshot(**fields, day=today.day - dt.timedelta(days=days))
        for days in range(1, 31)
    ]
    ReadinessSnapshot.objects.bulk_create(history)
    play_case(
        me, "labrador", WRONG_VALUES.__getitem__, django_capture_on_commit_callbacks
    )
    unit = me.staff.org_unit
    for _ in range(20):
        colleague = make_person(unit=unit)
        catalogue.complete_datenschutz(colleague)
        play_case(
            colleague,
            "zweithund",
            WRONG_VALUES.__getitem__,
            django_capture_on_commit_callbacks,
        )
    readiness_recompute()
    assert ReadinessSnapshot.objects.filter(user=me).count() == 31
    assert queries() == few
