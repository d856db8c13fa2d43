"""Retention and erasure of runs; their scores live on in anonymous aggregates."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..models import RunAggregate, SandboxRun


def _aggregate_and_delete(runs, *, now) -> int:
    # Preview runs (trainers trying a draft) are no learner results: not counted.
    finished = runs.filter(status=SandboxRun.Status.FINISHED, preview=False).values(
        "process_id", "version", "mode", "finished_at", "passed", "score"
    )
    for row in finished.iterator():
        finished_at = row["finished_at"] or now
        month = timezone.localtime(finished_at).date().replace(day=1)
        aggregate, _created = RunAggregate.objects.get_or_create(
            process_id=row["process_id"],
            version=row["version"],
            mode=row["mode"],
            month=month,
        )
        RunAggregate.objects.filter(pk=aggregate.pk).update(
            finished_runs=F("finished_runs") + 1,
            passed_runs=F("passed_runs") + (1 if row["passed"] else 0),
            score_total=F("score_total") + (row["score"] or 0),
        )
    deleted, _per_model = runs.delete()
    return deleted


@transaction.atomic
def runs_erase_for_user(*, user_id: int) -> int:
    """Erase a leaving person's runs (§7.6); their scores stay only in the
    anonymous aggregates. Returns the number of deleted runs."""
    runs = SandboxRun.objects.filter(user_id=user_id)
    return _aggregate_and_delete(runs, now=timezone.now())


@transaction.atomic
def runs_delete_expired(*, now=None) -> int:
    """Delete runs untouched for longer than the retention period (default 90
    days). Scores of finished runs are first added to ``RunAggregate``, which has
    no link to a person. Returns the number of deleted runs; running it again
    changes nothing."""
    now = now or timezone.now()
    days = getattr(settings, "SANDBOX_RUN_RETENTION_DAYS", 90)
    expired = SandboxRun.objects.filter(updated_at__lt=now - timedelta(days=days))
    return _aggregate_and_delete(expired, now=now)
