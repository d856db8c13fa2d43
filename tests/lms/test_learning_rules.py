"""Assignment rules: subtree, role, job title, later joiners, movers, exemptions."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone

from lms import roles
from lms.models import AssignmentRule, Enrolment
from lms.services.org import user_set_roles
from lms.services.rules import exemption_create, rules_apply
from lms.services.staff_import import staff_import
from tests.support.factories import OrgUnitFactory

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def town(db):
    roles.sync_groups()
    stadt = OrgUnitFactory(code="stadt")
    ordnung = OrgUnitFactory(code="ordnungsamt", parent=stadt)
    hunde = OrgUnitFactory(code="hundewesen", parent=ordnung)
    finanzen = OrgUnitFactory(code="finanzen", parent=stadt)
    return {"stadt": stadt, "ordnung": ordnung, "hunde": hunde, "finanzen": finanzen}


def current(user, course_id):
    return Enrolment.objects.filter(
        user=user, course_id=course_id, is_current=True
    ).first()


def test_rule_for_unit_covers_whole_subtree_and_nobody_else(
    catalogue, town, make_person
):
    in_unit = make_person(unit=town["ordnung"])
    in_subunit = make_person(unit=town["hunde"])
    elsewhere = make_person(unit=town["finanzen"])
    AssignmentRule.objects.create(
        course_id=catalogue.hund.id, org_unit=town["ordnung"], due_days=14
    )

    result = rules_apply(now=NOW)

    assert result.created == 2
    assert current(in_unit, catalogue.hund.id).due_on == dt.date(2026, 3, 16)
    assert current(in_subunit, catalogue.hund.id).source == Enrolment.SOURCE_RULE
    assert current(elsewhere, catalogue.hund.id) is None


def test_rule_without_target_applies_to_everyone(catalogue, town, make_person):
    people = [make_person(unit=town[code]) for code in ("stadt", "hunde", "finanzen")]
    AssignmentRule.objects.create(course_id=catalogue.datenschutz.id, due_days=30)
    rules_apply(now=NOW)
    assert all(current(p, catalogue.datenschutz.id) for p in people)


def test_rule_by_role_and_by_job_title(catalogue, town, make_person):
    head = make_person(unit=town["stadt"], heads=[town["stadt"]])
    trainer = make_person(unit=town["stadt"], role_names={"trainer"})
    clerk = make_person(unit=town["stadt"])
    other = make_person(unit=town["stadt"])
    for person, title in [(clerk, "Sachbearbeitung Hundewesen"), (other, "Kasse")]:
        person.staff.job_title = title
        person.staff.save()
    AssignmentRule.objects.create(course_id=catalogue.hund.id, role="head", due_days=10)
    AssignmentRule.objects.create(
        course_id=catalogue.datenschutz.id, role="trainer", due_days=10
    )
    AssignmentRule.objects.create(
        course_id=catalogue.datenschutz.id,
        job_title="sachbearbeitung hundewesen",
        due_days=10,
    )
    rules_apply(now=NOW)
    assert current(head, catalogue.hund.id) and not current(trainer, catalogue.hund.id)
    assert current(trainer, catalogue.datenschutz.id) and current(
        clerk, catalogue.datenschutz.id
    )
    assert not current(other, catalogue.datenschutz.id)


def test_rule_applies_again_without_duplicates(catalogue, town, make_person):
    make_person(unit=town["ordnung"])
    AssignmentRule.objects.create(course_id=catalogue.hund.id, org_unit=town["ordnung"])
    rules_apply(now=NOW)
    again = rules_apply(now=NOW + dt.timedelta(days=1))
    assert (again.created, again.withdrawn) == (0, 0)
    assert Enrolment.objects.count() == 1


def test_later_joiner_gets_the_rule_with_own_due_date(catalogue, town, make_person):
    AssignmentRule.objects.create(
        course_id=catalogue.hund.id, org_unit=town["ordnung"], due_days=14
    )
    rules_apply(now=NOW)
    joiner = make_person(unit=town["hunde"])
    rules_apply(now=NOW + dt.timedelta(days=20))
    assert current(joiner, catalogue.hund.id).due_on == dt.date(2026, 4, 5)


def test_staff_change_triggers_rules_apply_on_commit(
    catalogue, town, make_person, django_capture_on_commit_callbacks
):
    AssignmentRule.objects.create(course_id=catalogue.hund.id, org_unit=town["ordnung"])
    with django_capture_on_commit_callbacks(execute=True):
        joiner = make_person(unit=town["hunde"])
    assert current(joiner, catalogue.hund.id) is not None


def test_mover_keeps_records_and_gets_new_units_training(catalogue, town, make_person):
    mover = make_person(unit=town["ordnung"])
    AssignmentRule.objects.create(course_id=catalogue.hund.id, org_unit=town["ordnung"])
    AssignmentRule.objects.create(
        course_id=catalogue.datenschutz.id, org_unit=town["finanzen"]
    )
    rules_apply(now=NOW)
    profile = mover.staff
    profile.org_unit = town["finanzen"]
    profile.save()

    result = rules_apply(now=NOW + dt.timedelta(days=1))

    old = current(mover, catalogue.hund.id)
    assert old is not None and old.withdrawn_at is not None  # kept, not deleted
    assert current(mover, catalogue.datenschutz.id).withdrawn_at is None
    assert (result.created, result.withdrawn) == (1, 1)


def test_mover_returning_is_reactivated(catalogue, town, make_person):
    person = make_person(unit=town["ordnung"])
    AssignmentRule.objects.create(course_id=catalogue.hund.id, org_unit=town["ordnung"])
    rules_apply(now=NOW)
    person.staff.org_unit = town["finanzen"]
    person.staff.save()
    rules_apply(now=NOW)
    person.staff.org_unit = town["ordnung"]
    person.staff.save()
    assert rules_apply(now=NOW).reactivated == 1
    assert current(person, catalogue.hund.id).withdrawn_at is None


def test_exemption_withdraws_the_mandatory_enrolment(catalogue, town, make_person):
    person = make_person(unit=town["ordnung"])
    admin = make_person(unit=town["stadt"], role_names={"training_admin"})
    AssignmentRule.objects.create(course_id=catalogue.hund.id, org_unit=town["ordnung"])
    rules_apply(now=NOW)
    exemption_create(
        user=person, course_id=catalogue.hund.id, reason="Schulung extern", actor=admin
    )
    assert current(person, catalogue.hund.id).withdrawn_at is not None
    assert rules_apply(now=NOW).created == 0


def test_removing_a_rule_keeps_learning_records(catalogue, town, make_person):
    from lms.services.progress import lesson_complete

    person = make_person(unit=town["ordnung"])
    rule = AssignmentRule.objects.create(
        course_id=catalogue.hund.id, org_unit=town["ordnung"]
    )
    rules_apply(now=NOW)
    lesson_complete(user=person, lesson_id=catalogue.hund_lessons[0].id, now=NOW)
    rule.delete()
    rules_apply(now=NOW)
    enrolment = current(person, catalogue.hund.id)
    assert enrolment.rule is None and enrolment.withdrawn_at is not None
    assert enrolment.lesson_progress.count() == 1


def test_rule_with_start_date_waits(catalogue, town, make_person):
    make_person(unit=town["ordnung"])
    AssignmentRule.objects.create(
        course_id=catalogue.hund.id,
        org_unit=town["ordnung"],
        starts_on=dt.date(2026, 4, 1),
    )
    assert rules_apply(now=NOW).created == 0
    assert rules_apply(now=NOW + dt.timedelta(days=31)).created == 1


def test_self_enrolment_becomes_mandatory_when_a_rule_matches(
    catalogue, town, make_person
):
    from lms.services.enrolments import enrolment_create

    person = make_person(unit=town["ordnung"])
    enrolment_create(user=person, course_id=catalogue.hund.id, now=NOW)
    AssignmentRule.objects.create(
        course_id=catalogue.hund.id, org_unit=town["ordnung"], due_days=7
    )
    rules_apply(now=NOW)
    enrolment = current(person, catalogue.hund.id)
    assert enrolment.source == Enrolment.SOURCE_RULE
    assert enrolment.due_on == dt.date(2026, 3, 9)


def test_role_rule_follows_role_changes(catalogue, town, make_person):
    person = make_person(unit=town["stadt"])
    AssignmentRule.objects.create(course_id=catalogue.hund.id, role="trainer")
    rules_apply(now=NOW)
    assert current(person, catalogue.hund.id) is None
    user_set_roles(user=person, role_names={"trainer"})
    rules_apply(user_ids=[person.pk], now=NOW)
    assert current(person, catalogue.hund.id) is not None


def test_rules_apply_uses_the_current_time_by_default(catalogue, town, make_person):
    person = make_person(unit=town["ordnung"])
    AssignmentRule.objects.create(
        course_id=catalogue.hund.id, org_unit=town["ordnung"], due_days=1
    )
    with time_machine.travel(NOW, tick=False):
        rules_apply()
        assert current(person, catalogue.hund.id).assigned_at == timezone.now()
    assert current(person, catalogue.hund.id).due_on == dt.date(2026, 3, 3)


def _staff_csv(*rows: str) -> bytes:
    return ("personalnummer;vorname;nachname;email;einheit\n" + "".join(rows)).encode()


def test_staff_import_applies_rules_to_joiners_and_movers_on_commit(
    catalogue, town, make_person, django_capture_on_commit_callbacks
):
    AssignmentRule.objects.create(course_id=catalogue.hund.id, org_unit=town["ordnung"])
    mover = make_person(unit=town["finanzen"])
    number = mover.staff.personnel_number
    data = _staff_csv(
        "J001;Jana;Neu;jana.neu@musterstadt.example;hundewesen\n",
        f"{number};{mover.first_name};{mover.last_name};{mover.email};ordnungsamt\n",
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = staff_import(data=data)
    assert (result.created, result.updated) == (1, 1)
    joiner = get_user_model().objects.get(staff__personnel_number="J001")
    assert current(joiner, catalogue.hund.id) is not None
    assert current(mover, catalogue.hund.id) is not None


def test_staff_import_dry_run_queues_no_rule_run(
    catalogue, town, django_capture_on_commit_callbacks
):
    AssignmentRule.objects.create(course_id=catalogue.hund.id, org_unit=town["ordnung"])
    data = _staff_csv("J001;Jana;Neu;jana.neu@musterstadt.example;hundewesen\n")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert staff_import(data=data, dry_run=True).created == 1
    assert callbacks == []
    assert not Enrolment.objects.exists()
