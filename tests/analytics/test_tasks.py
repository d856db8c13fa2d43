"""Background work: the recompute through a real Celery worker, the beat schedule,
and the retention of learning events that keeps the readiness evidence."""

import datetime as dt

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.utils import timezone

from analytics.models import (
    ReadinessAggregate,
    ReadinessEvidence,
    ReadinessSnapshot,
    RecomputeJob,
)
from config.celery import app


def test_nightly_recompute_is_in_the_beat_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["readiness-recompute-nightly"]
    assert entry["task"] == "analytics.tasks.readiness_recompute_nightly"
    assert entry["task"] in app.tasks


@pytest.mark.django_db(transaction=True)
def test_recompute_button_runs_in_the_worker_with_progress(redis_broker, client, town):
    assert not app.conf.task_always_eager
    client.force_login(town["training_admin"])
    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
        response = client.post("/auswertungen/neu-berechnen/")
        assert response.status_code == 302
        job = RecomputeJob.objects.get()
        assert response["Location"] == f"/auswertungen/neu-berechnen/{job.pk}/"
        deadline = timezone.now() + dt.timedelta(seconds=30)
        while timezone.now() < deadline:
            job.refresh_from_db()
            if job.status == RecomputeJob.Status.DONE:
                break
    assert job.status == RecomputeJob.Status.DONE and (job.done, job.total) == (1, 1)
    status = client.get(f"/auswertungen/neu-berechnen/{job.pk}/status/").json()
    assert status == {
        "status": "done",
        "percent": 100,
        "finished": True,
        "text": "100 % berechnet",
    }
    assert ReadinessSnapshot.objects.count() == 3 + 10 + 6 + 5 + 4 + 4
    page = client.get(f"/auswertungen/neu-berechnen/{job.pk}/").content.decode()
    assert "neu berechnet" in page


def test_learning_event_retention_keeps_evidence_and_aggregates(town, settings):
    from analytics.services.recompute import readiness_recompute
    from lms.models import LearningEvent
    from lms.services.events import learning_events_delete_expired

    person = town["employee"]
    old = timezone.now() - dt.timedelta(days=settings.LEARNING_EVENT_RETENTION_DAYS + 5)
    LearningEvent.objects.create(
        actor=person,
        verb="completed",
        object_type="lesson",
        object_id="1",
        timestamp=old,
    )
    ReadinessEvidence.objects.create(
        user=person,
        process_id="hund_anmelden",
        recent=[True, True, False],
        clean_runs=2,
        passed_ever=True,
        last_run_at=old,
    )
    readiness_recompute(day=timezone.localdate() - dt.timedelta(days=400))
    readiness_recompute()
    assert learning_events_delete_expired() == 1
    assert not LearningEvent.objects.exists()
    assert ReadinessEvidence.objects.get(user=person).clean_runs == 2
    # Daily per-unit sums stay, also very old ones; per-person rows are kept only
    # for ANALYTICS_PERSON_SNAPSHOT_DAYS.
    assert ReadinessAggregate.objects.values("day").distinct().count() == 2
    assert ReadinessSnapshot.objects.values("day").distinct().count() == 1
    snapshot = ReadinessSnapshot.objects.get(user=person)
    assert snapshot.sandbox == pytest.approx(2 / 3)
