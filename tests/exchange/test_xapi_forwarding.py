"""Forwarding to a real LRS (Ralph, started by the test): through a Celery worker
on Redis, in batches, and exactly once across a failure of the LRS."""

import collections
import datetime as dt

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone

from config.celery import app
from exchange import xapi
from exchange.models import XapiForwarding
from exchange.services.xapi_forward import LrsUnavailable, xapi_forward_pending
from exchange.tasks import xapi_forward
from lms.services.events import event_log


def _events(person, count: int, start: int = 0) -> list:
    now = timezone.now()
    return [
        event_log(
            actor_id=person.pk,
            verb="completed",
            object_type="lesson",
            object_id=100 + start + n,
            course_id=4,
            completion=True,
            now=now + dt.timedelta(seconds=start + n),
        )
        for n in range(count)
    ]


def _ids(events) -> list[str]:
    return [xapi.statement_id(event.pk) for event in events]


@pytest.mark.django_db(transaction=True)
def test_worker_forwards_new_events_to_ralph(
    redis_broker, lrs_settings, ralph, make_person
):
    assert not app.conf.task_always_eager
    person = make_person()
    events = _events(person, 7)
    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
        assert xapi_forward.delay().get(timeout=60) == 7
        assert xapi_forward.delay().get(timeout=60) == 0  # nothing new: idempotent
    stored = ralph.statements()
    assert [s["id"] for s in stored] == _ids(events)
    assert stored[0]["actor"]["account"]["name"] == xapi.pseudonym(person.pk)
    state = XapiForwarding.objects.get(endpoint=ralph.endpoint)
    assert state.acknowledged_event_id == events[-1].pk
    assert state.acknowledged_count == 7


@pytest.mark.django_db
def test_exactly_once_across_a_failure_of_the_lrs(lrs_settings, ralph, make_person):
    person = make_person()
    first = _events(person, 4)
    assert xapi_forward_pending() == 4  # two batches of 3 and 1

    # The LRS goes down in the middle: the next batch is not acknowledged.
    second = _events(person, 5, start=10)
    ralph.stop()
    with pytest.raises(LrsUnavailable):
        xapi_forward_pending()
    state = XapiForwarding.objects.get(endpoint=ralph.endpoint)
    assert state.acknowledged_event_id == first[-1].pk
    assert state.last_error

    # Back again; an acknowledgement that got lost (the LRS stored a batch but
    # Lotse never heard) makes Lotse send that batch once more.
    ralph.start()
    assert xapi_forward_pending(max_batches=1) == 3
    XapiForwarding.objects.filter(pk=state.pk).update(
        acknowledged_event_id=first[-1].pk
    )
    assert xapi_forward_pending() == 5

    stored = [s["id"] for s in ralph.statements()]
    assert collections.Counter(stored).most_common(1)[0][1] == 1  # no duplicates
    assert stored == _ids(first + second)
    state.refresh_from_db()
    assert state.acknowledged_event_id == second[-1].pk
    assert state.last_error == ""


@pytest.mark.django_db
def test_without_an_endpoint_nothing_is_sent(settings, make_person):
    settings.XAPI_LRS_ENDPOINT = ""
    _events(make_person(), 2)
    assert xapi_forward_pending() == 0
    assert not XapiForwarding.objects.exists()


@pytest.mark.django_db
def test_a_learners_request_never_waits_for_the_lrs(
    settings, celery_eager, make_person
):
    """Forwarding runs on its own schedule, never in a learner's request: with an
    LRS that cannot be reached, completing a lesson answers at once, the event is
    logged for later, and no forwarding was even tried."""
    from rest_framework.test import APIClient

    from lms.models import LearningEvent
    from tests.support.learning import catalogue_create

    settings.XAPI_LRS_ENDPOINT = "http://127.0.0.1:9/xAPI/"  # nobody listens
    settings.XAPI_LRS_USERNAME = "lotse"
    settings.XAPI_LRS_PASSWORD = "geheim"
    catalogue = catalogue_create()
    [lesson] = catalogue.optional_lessons
    api = APIClient()
    api.force_authenticate(make_person())

    response = api.post(f"/api/v1/lessons/{lesson.id}/complete/")

    assert response.status_code == 200
    assert LearningEvent.objects.filter(object_id=str(lesson.id)).exists()
    assert not XapiForwarding.objects.exists()
    # The scheduled task is where the LRS is reached, and it retries with back-off.
    assert settings.CELERY_BEAT_SCHEDULE["xapi-forward"]["task"] == xapi_forward.name
    assert xapi_forward.autoretry_for == (LrsUnavailable,)
    assert xapi_forward.retry_backoff and xapi_forward.max_retries
