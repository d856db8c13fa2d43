"""Outcomes of finished learner runs, as readiness counts them (analytics keeps
them as evidence that outlives the runs)."""

from __future__ import annotations

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from sandbox.models import SandboxRun


def _run_is_clean(*, passed: bool | None, hints: list | None) -> bool:
    """A clean run (readiness): finished, passed, at most one hint taken."""
    return bool(passed) and len(hints or []) <= 1


def run_outcome(run_id) -> dict | None:
    """The outcome of one finished learner run (no preview), or ``None``:
    ``{"user_id", "process_id", "passed", "clean", "finished_at"}``."""
    row = (
        SandboxRun.objects.filter(
            pk=run_id, status=SandboxRun.Status.FINISHED, preview=False
        )
        .values("user_id", "process_id", "passed", "hints", "finished_at")
        .first()
    )
    if row is None:
        return None
    return {
        "user_id": row["user_id"],
        "process_id": row["process_id"],
        "passed": bool(row["passed"]),
        "clean": _run_is_clean(passed=row["passed"], hints=row["hints"]),
        "finished_at": row["finished_at"],
    }


def recent_run_outcomes(*, process_ids: list[str], limit: int = 3) -> list[dict]:
    """The last ``limit`` finished learner runs per person and process, newest
    first, as ``run_outcome`` dicts (one query, a window function)."""
    ranked = (
        SandboxRun.objects.filter(
            process_id__in=process_ids,
            status=SandboxRun.Status.FINISHED,
            preview=False,
            finished_at__isnull=False,
        )
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("user_id"), F("process_id")],
                order_by=F("finished_at").desc(),
            )
        )
        .filter(rank__lte=limit)
        .values("user_id", "process_id", "passed", "hints", "finished_at")
    )
    return [
        {
            "user_id": row["user_id"],
            "process_id": row["process_id"],
            "passed": bool(row["passed"]),
            "clean": _run_is_clean(passed=row["passed"], hints=row["hints"]),
            "finished_at": row["finished_at"],
        }
        for row in ranked.order_by("user_id", "process_id", "-finished_at")
    ]
