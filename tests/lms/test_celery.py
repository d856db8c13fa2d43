"""A task really travels through Redis to a worker (CI sets CELERY_BROKER_URL)."""

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from config.celery import app
from lms.tasks import send_email


@pytest.mark.django_db(transaction=True)
def test_task_round_trip_through_redis_worker(redis_broker, settings):
    assert not app.conf.task_always_eager
    app.control.purge()  # leftovers of other tests must not reach this worker
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
        result = send_email.delay(
            subject="Erinnerung",
            body="Ihre Schulung ist fällig.",
            to=["anna@musterstadt.example"],
        )
        assert result.get(timeout=20) == 1
    assert [m.subject for m in mail.outbox] == ["Erinnerung"]
    assert result.status == "SUCCESS"
