"""Celery entry points of the sandbox: each imports its service inside the body."""

from celery import shared_task


@shared_task(name="sandbox.tasks.delete_expired_runs")
def delete_expired_runs() -> int:
    """Delete sandbox runs past the retention period (keeps aggregates); idempotent."""
    from sandbox.services.retention import runs_delete_expired

    return runs_delete_expired()
