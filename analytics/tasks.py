"""Celery entry points of analytics: take ids, call one service, idempotent."""

from celery import shared_task


@shared_task
def readiness_recompute_nightly() -> dict:
    """Nightly: today's readiness snapshots and per-unit sums (replaces today's)."""
    from analytics.services.recompute import readiness_recompute

    return readiness_recompute()


@shared_task
def readiness_recompute_job(*, job_id: int) -> str:
    """On demand: the same recompute, with progress kept on the job row."""
    from analytics.services.recompute import recompute_job_run

    return recompute_job_run(job_id=job_id)


@shared_task
def readiness_evidence_record(*, run_id: str) -> bool:
    """A sandbox run finished: add its outcome to the person's evidence."""
    from analytics.services.evidence import evidence_record_run

    return evidence_record_run(run_id=run_id) is not None
