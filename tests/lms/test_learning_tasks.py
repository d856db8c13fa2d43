"""Celery entry points: scheduled, idempotent, retention of learning events."""

import datetime as dt

import time_machine
from django.conf import settings

from lms import roles
from lms.models import AssignmentRule, Enrolment, LearningEvent
from lms.tasks import (
    learning_completion_evaluate,
    learning_events_delete_expired,
    learning_rules_apply,
)


def test_beat_runs_rules_reminders_and_retention_daily():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "lms.tasks.learning_rules_apply",
        "lms.tasks.learning_reminders_send_due",
        "lms.tasks.learning_events_delete_expired",
    } <= tasks


def test_rules_task_is_idempotent(catalogue, make_person):
    roles.sync_groups()
    make_person()
    AssignmentRule.objects.create(course_id=catalogue.datenschutz.id)
    assert learning_rules_apply.delay().get()["created"] == 1
    assert learning_rules_apply.delay().get()["created"] == 0
    assert Enrolment.objects.count() == 1


def test_completion_task_changes_nothing_twice(catalogue, make_person):
    person = make_person()
    catalogue.complete_datenschutz(person)
    assert learning_completion_evaluate.delay(user_id=person.pk).get() == []


def test_old_learning_events_are_deleted_records_stay(catalogue, make_person):
    person = make_person()
    long_ago = dt.datetime(2024, 1, 10, tzinfo=dt.UTC)
    catalogue.complete_datenschutz(person, now=long_ago)
    assert LearningEvent.objects.exists()
    with time_machine.travel(long_ago + dt.timedelta(days=366)):
        assert learning_events_delete_expired.delay().get() > 0
    assert not LearningEvent.objects.exists()
    assert Enrolment.objects.get(user=person).completed_at == long_ago
