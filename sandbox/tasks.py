from celery import shared_task

from .services import runs_delete_expired


@shared_task(name="sandbox.tasks.delete_expired_runs")
def delete_expired_runs() -> int:
    """Delete sandbox runs past the retention period (keeps aggregates); idempotent."""
    return runs_delete_expired()
