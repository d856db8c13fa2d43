"""The set-based recompute against real courses, quizzes, certificates and runs."""

import datetime as dt

import pytest
from django.utils import timezone

from analytics.models import (
    Initiative,
    ReadinessAggregate,
    ReadinessEvidence,
    ReadinessSnapshot,
    SurveyAnswer,
    SurveyWave,
)
from analytics.services.recompute import readiness_recompute
from analytics.services.surveys import survey_answer_submit
from tests.support.factories import OrgUnitFactory

PROCESS = "hund_anmelden"


@pytest.fixture
def practise(catalogue, django_capture_on_commit_callbacks):
    """Pass the dog sandbox case; its run_finished signal (after commit) runs."""

    def run(person):
        with django_capture_on_commit_callbacks(execute=True):
            return catalogue.pass_sandbox(person)

    return run


@pytest.fixture
def scope(catalogue, make_person):
    """Ordnungsamt with six people, an initiative on the dog process and the
    data-protection course (three lessons, one quiz, a certificate for 12 months)."""
    unit = OrgUnitFactory(code="ordnungsamt", name="Ordnungsamt")
    people = [make_person(unit=unit) for _ in range(6)]
    initiative = Initiative.objects.create(
        title="Hund anmelden – digital",
        go_live=dt.date(2026, 6, 1),
        process_ids=[PROCESS],
        course_ids=[catalogue.datenschutz.id],
        target_share=80,
    )
    initiative.org_units.add(unit)
    return unit, people, initiative


def test_recompute_gives_each_component_from_the_learning_records(
    catalogue, scope, practise
):
    unit, people, _initiative = scope
    star, beginner = people[0], people[1]
    catalogue.complete_datenschutz(star)
    practise(star)  # the run_finished signal feeds the evidence
    from lms.services.progress import lesson_complete

    lesson_complete(user=beginner, lesson_id=catalogue.datenschutz_lessons[0].id)

    result = readiness_recompute()

    assert result == {"processes": 1, "people": 6}
    snap = ReadinessSnapshot.objects.get(user=star, process_id=PROCESS)
    assert (snap.completion, snap.assessment, snap.freshness) == (1.0, 1.0, 1.0)
    assert snap.sandbox == pytest.approx(1 / 3)
    assert snap.survey_a is None
    assert snap.barrier == "Ab"  # one clean run of three
    assert snap.course_completed and snap.sandbox_passed and snap.started
    low = ReadinessSnapshot.objects.get(user=beginner, process_id=PROCESS)
    assert low.completion == pytest.approx(1 / 3)
    assert low.assessment == 0.0
    assert low.barrier == "K"
    assert low.started and not low.course_completed


def test_department_aggregate_equals_the_mean_of_individuals(
    catalogue, scope, practise
):
    unit, people, _initiative = scope
    catalogue.complete_datenschutz(people[0])
    catalogue.complete_datenschutz(people[1])
    practise(people[0])
    readiness_recompute()
    snapshots = list(ReadinessSnapshot.objects.filter(process_id=PROCESS))
    aggregate = ReadinessAggregate.objects.get(org_unit=unit, process_id=PROCESS)
    assert aggregate.n == 6 == len(snapshots)
    mean = sum(s.readiness for s in snapshots) / len(snapshots)
    assert aggregate.readiness_sum / aggregate.n == pytest.approx(mean)
    assert aggregate.course_completed == 2
    assert aggregate.sandbox_passed == 1
    barriers = (
        aggregate.barrier_a
        + aggregate.barrier_d
        + aggregate.barrier_k
        + aggregate.barrier_ab
        + aggregate.barrier_r
        + aggregate.barrier_none
    )
    assert barriers == 6


def test_recompute_twice_on_a_day_replaces_its_rows(catalogue, scope):
    readiness_recompute()
    readiness_recompute()
    assert ReadinessSnapshot.objects.count() == 6
    assert ReadinessAggregate.objects.count() == 1


def test_evidence_survives_the_deletion_of_runs(scope, practise, settings):
    _unit, people, _initiative = scope
    practise(people[0])
    practise(people[0])
    evidence = ReadinessEvidence.objects.get(user=people[0], process_id=PROCESS)
    assert evidence.recent == [True, True] and evidence.clean_runs == 2

    from sandbox.models import SandboxRun
    from sandbox.services import runs_delete_expired

    later = timezone.now() + dt.timedelta(days=settings.SANDBOX_RUN_RETENTION_DAYS + 1)
    runs_delete_expired(now=later)
    assert not SandboxRun.objects.filter(user=people[0]).exists()

    readiness_recompute()
    snap = ReadinessSnapshot.objects.get(user=people[0], process_id=PROCESS)
    assert snap.sandbox == pytest.approx(2 / 3)
    assert snap.sandbox_passed


def test_only_the_last_three_runs_count(scope, practise):
    _unit, people, _initiative = scope
    for _ in range(4):
        practise(people[0])
    evidence = ReadinessEvidence.objects.get(user=people[0], process_id=PROCESS)
    assert len(evidence.recent) == 3 and evidence.clean_runs == 3


def test_survey_answer_enters_readiness_under_a_pseudonym(catalogue, scope):
    unit, people, initiative = scope
    today = timezone.localdate()
    wave = SurveyWave.objects.create(
        initiative=initiative,
        title="Herbst",
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=7),
    )
    survey_answer_submit(
        wave=wave,
        user_id=people[0].pk,
        org_unit_id=unit.pk,
        values={
            "awareness": 5,
            "desire": 1,
            "knowledge": 3,
            "ability": 3,
            "reinforcement": 3,
        },
    )
    answer = SurveyAnswer.objects.get()
    stored = {f.attname for f in SurveyAnswer._meta.fields}
    assert "user_id" not in stored
    assert str(people[0].pk) != answer.pseudonym and len(answer.pseudonym) == 64
    readiness_recompute()
    snap = ReadinessSnapshot.objects.get(user=people[0], process_id=PROCESS)
    assert (snap.survey_a, snap.survey_d, snap.survey_r) == (1.0, 0.0, 0.5)
    assert snap.barrier == "D"
    other = ReadinessSnapshot.objects.get(user=people[1], process_id=PROCESS)
    assert other.survey_a is None


def test_people_assigned_a_course_of_the_initiative_are_in_scope(
    catalogue, scope, make_person
):
    """The staff in scope are the people in the units, plus those with an assigned
    course of the initiative – not those who took the course of their own accord."""
    from lms.models import AssignmentRule, Enrolment
    from lms.services.rules import rules_apply

    _unit, people, _initiative = scope
    elsewhere = OrgUnitFactory(code="kaemmerei", name="Kämmerei")
    assigned = make_person(unit=elsewhere)
    volunteer = make_person(unit=elsewhere)
    outside = make_person(unit=elsewhere)
    AssignmentRule.objects.create(course_id=catalogue.datenschutz.id)
    rules_apply()
    # Only `assigned` keeps the rule's enrolment; the others are withdrawn or
    # enrolled by themselves.
    Enrolment.objects.filter(user=outside).delete()
    Enrolment.objects.filter(user=volunteer).update(source=Enrolment.SOURCE_SELF)

    result = readiness_recompute()

    in_scope = set(
        ReadinessSnapshot.objects.filter(process_id=PROCESS).values_list(
            "user_id", flat=True
        )
    )
    assert in_scope == {p.pk for p in people} | {assigned.pk}
    assert result["people"] == 7
    assert ReadinessAggregate.objects.get(org_unit=elsewhere, process_id=PROCESS).n == 1
