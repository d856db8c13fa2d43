"""Reminders: each kind on its day, exactly once, escalation without scores."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection

from lms import roles
from lms.models import AssignmentRule, Enrolment, Notification
from lms.services.quizzes import quiz_attempt_submit
from lms.services.reminders import reminders_send_due
from lms.services.rules import rules_apply
from lms.tasks import notification_email_send
from tests.support.factories import OrgUnitFactory
from tests.support.learning import (
    Q_SINGLE,
    QUIZ_BLOCK,
)

ASSIGNED = dt.datetime(2026, 3, 2, 5, 0, tzinfo=dt.UTC)  # due 2026-03-16


def at(day: int, month: int = 3, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, 5, 0, tzinfo=dt.UTC)


@pytest.fixture
def setup(catalogue, make_person):
    roles.sync_groups()
    unit = OrgUnitFactory(code="ordnungsamt", name="Ordnungsamt")
    head = make_person(unit=unit, heads=[unit], first_name="Olaf", last_name="Ordnung")
    person = make_person(unit=unit, first_name="Erika", last_name="Mustermann")
    AssignmentRule.objects.create(
        course_id=catalogue.datenschutz.id, due_days=14, role="employee"
    )
    rules_apply(user_ids=[person.pk], now=ASSIGNED)
    return person, head


def kinds(user):
    return sorted(
        Notification.objects.filter(recipient=user).values_list("kind", flat=True)
    )


def run(now, capture):
    with capture(execute=True):
        return reminders_send_due(now=now)


def test_nothing_before_the_reminder_window(setup, django_capture_on_commit_callbacks):
    person, _head = setup
    assert run(at(8), django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_each_kind_on_its_day_and_exactly_once(
    setup, django_capture_on_commit_callbacks
):
    person, head = setup
    capture = django_capture_on_commit_callbacks
    assert run(at(9), capture) == 1  # 7 days before
    assert run(at(10), capture) == 0
    assert run(at(16), capture) == 1  # due today
    assert run(at(17), capture) == 1  # overdue, week 1
    assert run(at(20), capture) == 0
    assert run(at(23), capture) == 1  # 7 days overdue: escalation to the head
    assert run(at(24), capture) == 1  # overdue, week 2
    assert kinds(person) == ["due_soon", "due_today", "overdue:1", "overdue:2"]
    assert kinds(head) == [f"escalation:{head.pk}"]
    assert len(mail.outbox) == 5
    assert mail.outbox[0].subject.startswith("Erinnerung")
    assert mail.outbox[0].to == [person.email]


def test_running_twice_sends_once(setup, django_capture_on_commit_callbacks):
    run(at(16), django_capture_on_commit_callbacks)
    run(at(16), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 1


def test_a_retried_email_task_sends_nothing_twice(
    setup, django_capture_on_commit_callbacks
):
    person, _head = setup
    run(at(16), django_capture_on_commit_callbacks)
    notification = Notification.objects.get(recipient=person)
    assert notification.emailed_at is not None
    retried = notification_email_send.delay(notification_id=notification.pk)
    assert retried.get() is False
    assert len(mail.outbox) == 1


def test_escalation_contains_compliance_records_only(
    catalogue, setup, django_capture_on_commit_callbacks
):
    person, head = setup
    quiz_attempt_submit(
        user=person,
        lesson_id=catalogue.quiz_lesson.id,
        block_id=QUIZ_BLOCK,
        answers={Q_SINGLE: "1"},
        now=at(3),
    )
    run(at(23), django_capture_on_commit_callbacks)
    escalation = Notification.objects.get(recipient=head)
    text = escalation.subject + escalation.body
    assert "Erika Mustermann" in text and "16.03.2026" in text
    assert "Datenschutz im digitalen Verfahren" in text
    assert "%" not in text and "Ergebnis" not in text and "Quiz" not in text
    head_mail = next(m for m in mail.outbox if m.to == [head.email])
    assert "%" not in head_mail.body


def test_completed_training_gets_no_reminders_but_an_expiry_warning(
    catalogue, setup, django_capture_on_commit_callbacks
):
    person, _head = setup
    catalogue.complete_datenschutz(person, now=at(5))  # valid until 2027-03-05
    assert run(at(20), django_capture_on_commit_callbacks) == 0
    assert run(at(2, 2, 2027), django_capture_on_commit_callbacks) == 0
    assert run(at(3, 2, 2027), django_capture_on_commit_callbacks) == 1  # 30 days
    assert kinds(person) == ["expiry_warning"]


def test_new_cycle_has_its_own_reminders(
    catalogue, setup, django_capture_on_commit_callbacks
):
    person, _head = setup
    run(at(16), django_capture_on_commit_callbacks)
    catalogue.complete_datenschutz(person, now=at(17))  # valid until 2027-03-17
    rules_apply(now=at(3, 3, 2027))  # opens cycle 2, due 2027-03-17
    run(at(17, 3, 2027), django_capture_on_commit_callbacks)
    cycle_two = Enrolment.objects.get(user=person, is_current=True)
    assert cycle_two.cycle == 2
    assert Notification.objects.filter(enrolment=cycle_two, kind="due_today").exists()
    assert (
        Notification.objects.filter(
            enrolment__user=person, cycle=1, kind="due_today"
        ).count()
        == 1
    )


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_runs_send_each_notification_once(
    postgres, catalogue, make_person
):
    from lms.services import reminders

    roles.sync_groups()
    unit = OrgUnitFactory()
    people = [make_person(unit=unit) for _ in range(5)]
    AssignmentRule.objects.create(course_id=catalogue.datenschutz.id, due_days=0)
    rules_apply(now=at(16))
    barrier = threading.Barrier(2)
    original = reminders._plan

    def plan_then_wait(today):
        planned = original(today)
        barrier.wait(timeout=10)  # both runs planned the same notifications
        return planned

    reminders._plan = plan_then_wait
    results, errors = [], []

    def worker():
        try:
            results.append(reminders_send_due(now=at(16)))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    try:
        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    finally:
        reminders._plan = original
    assert errors == []
    assert sorted(results) == [0, 5] or sum(results) == 5
    assert Notification.objects.count() == len(people)
    assert len(mail.outbox) == len(people)


@pytest.mark.django_db(transaction=True)
def test_reminders_task_through_a_real_worker(redis_broker, catalogue, make_person):
    import time_machine
    from celery.contrib.testing.worker import start_worker

    from config.celery import app
    from lms.tasks import learning_reminders_send_due

    roles.sync_groups()
    person = make_person(unit=OrgUnitFactory())
    AssignmentRule.objects.create(course_id=catalogue.datenschutz.id, due_days=0)
    rules_apply(now=at(16))
    app.conf.task_always_eager = False  # through Redis (the fixture restores it)
    with time_machine.travel(at(16), tick=True):
        with start_worker(
            app, pool="solo", perform_ping_check=False, loglevel="WARNING"
        ):
            first = learning_reminders_send_due.delay().get(timeout=30)
            second = learning_reminders_send_due.delay().get(timeout=30)
    assert (first, second) == (1, 0)
    assert Notification.objects.filter(recipient=person, kind="due_today").count() == 1
