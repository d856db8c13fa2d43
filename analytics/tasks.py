"""Celery entry points of analytics: take ids, call one service, idempotent."""

from celery import shared_task


def _charts_warm_after_commit() -> None:
    from analytics.services.charts import dashboard_charts_warm_after_commit

    dashboard_charts_warm_after_commit()


@shared_task
def readiness_recompute_nightly() -> dict:
    """Nightly: today's readiness snapshots and per-unit sums (replaces today's),
    then the first view of every dashboard rendered into the cache."""
    from analytics.services.recompute import readiness_recompute

    outcome = readiness_recompute()
    _charts_warm_after_commit()
    return outcome


@shared_task
def readiness_recompute_job(*, job_id: int) -> str:
    """On demand: the same recompute, with progress kept on the job row."""
    from analytics.services.recompute import recompute_job_run

    outcome = recompute_job_run(job_id=job_id)
    if outcome == "done":
        _charts_warm_after_commit()
    return outcome


# Queued at the end of every sandbox run; nobody reads its result, and keeping
# it would cost the sender a subscription and the worker a write per run.
@shared_task(ignore_result=True)
def readiness_evidence_record(*, run_id: str) -> bool:
    """A sandbox run finished: add its outcome to the person's evidence."""
    from analytics.services.evidence import evidence_record_run

    return evidence_record_run(run_id=run_id) is not None


@shared_task(
    autoretry_for=(OSError,), retry_backoff=True, max_retries=5, acks_late=True
)
def survey_invitations_send(*, wave_id: int) -> int:
    """E-mail the invitation to a wave to everyone in scope not invited yet (once
    per person: a retried or repeated task sends nothing twice)."""
    from analytics.services.invitations import survey_invitations_deliver

    return survey_invitations_deliver(wave_id=wave_id)


@shared_task(acks_late=True)
def survey_invitations_send_open() -> list[int]:
    """Mornings: queue the invitations of every wave open today."""
    from analytics.services.invitations import survey_invitations_queue_open

    return survey_invitations_queue_open()
