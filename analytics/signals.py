"""Receivers: the sandbox tells us a run finished (we must not be imported by it)."""

from analytics.tasks import readiness_evidence_record
from sandbox.signals import run_finished


def sandbox_run_finished(sender, *, run_id, **kwargs) -> None:
    """Sent after commit: queue the evidence update (ids only)."""
    readiness_evidence_record.delay(run_id=str(run_id))


def connect() -> None:
    run_finished.connect(sandbox_run_finished, dispatch_uid="analytics-sandbox-run")
