"""Tasks really travel through Redis to a worker (CI sets CELERY_BROKER_URL).

Only ids and plain values go into the broker: the worker reads the notification,
or makes the password reset link, itself.
"""

import json
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from celery.result import AsyncResult
from celery.signals import before_task_publish
from django.core import mail
from django.utils import timezone

from config.celery import app
from lms.models import Enrolment, Notification
from lms.tasks import notification_email_send


@pytest.fixture
def published():
    """(task name, task id, message body) of every task sent to the broker."""
    sent = []

    def record(sender, body, headers, **kwargs):
        sent.append((sender, headers["id"], body))

    before_task_publish.connect(record, weak=False)
    yield sent
    before_task_publish.disconnect(record)


def _notification_for(person) -> Notification:
    now = timezone.now()
    enrolment = Enrolment.objects.create(
        user=person, course_id=1, source=Enrolment.SOURCE_RULE, assigned_at=now
    )
    return Notification.objects.create(
        recipient=person,
        enrolment=enrolment,
        cycle=1,
        kind=Notification.KIND_DUE_TODAY,
        subject="Heute fällig: „Datenschutz“",
        body="Guten Tag Anna Amsel,\n\nIhre Pflichtschulung ist heute fällig.",
        created_at=now,
    )


@pytest.mark.django_db(transaction=True)
def test_notification_email_round_trip_through_redis_worker(
    redis_broker, make_person, published
):
    assert not app.conf.task_always_eager
    person = make_person(email="anna@musterstadt.example")
    notification = _notification_for(person)
    app.control.purge()  # leftovers of other tests must not reach this worker
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
        first = notification_email_send.delay(notification_id=notification.pk)
        assert first.get(timeout=20) is True
        again = notification_email_send.delay(notification_id=notification.pk)
        assert again.get(timeout=20) is False  # a retried task never sends twice
    assert [m.subject for m in mail.outbox] == ["Heute fällig: „Datenschutz“"]
    assert mail.outbox[0].to == ["anna@musterstadt.example"]
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    assert first.status == "SUCCESS"
    task_name = notification_email_send.name
    sent = [body for name, _task_id, body in published if name == task_name]
    assert len(sent) == 2
    for args, kwargs, _embed in sent:  # the id only: the text stays in the database
        assert not args and kwargs == {"notification_id": notification.pk}


@pytest.mark.django_db(transaction=True)
def test_password_reset_link_is_made_by_the_worker(
    redis_broker, client, make_person, published
):
    person = make_person(username="anna", email="anna@musterstadt.example")
    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
        response = client.post(
            "/konto/passwort-vergessen/", {"email": "anna@musterstadt.example"}
        )
        assert response.status_code == 302
        [(task_id, body)] = [
            (task_id, body)
            for name, task_id, body in published
            if name == "lms.tasks.password_reset_email_send"
        ]
        assert AsyncResult(task_id, app=app).get(timeout=20) is True
    args, kwargs, _embed = body
    # The address the form was sent to travels along, so the link leads back there.
    assert not args and kwargs == {
        "user_id": person.pk,
        "language": "de",
        "base_url": "http://testserver",
    }
    assert "anna" not in json.dumps(body)  # no name, address or link in the broker
    [message] = mail.outbox
    assert message.to == ["anna@musterstadt.example"]
    assert "http://testserver/konto/passwort-neu/" in message.body


@pytest.mark.django_db(transaction=True)
def test_the_tasks_queued_at_a_sandbox_runs_end_keep_no_result(
    redis_broker, make_person
):
    """They are queued on every run's end; a kept result would cost the sender a
    subscription and the worker a write each time, for nobody to read."""
    from analytics.tasks import readiness_evidence_record
    from lms.tasks import learning_completion_evaluate

    person = make_person(email="anna@musterstadt.example")
    notification = _notification_for(person)
    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
        quiet = [
            learning_completion_evaluate.delay(user_id=person.pk),
            readiness_evidence_record.delay(run_id=str(uuid.uuid4())),
        ]
        kept = notification_email_send.delay(notification_id=notification.pk)
        # One task after the other: when this one is done, so are those before.
        assert kept.get(timeout=20) is True

    def stored(result) -> bool:
        return bool(app.backend.client.exists(app.backend.get_key_for_task(result.id)))

    assert stored(kept)
    assert not [result for result in quiet if stored(result)]
