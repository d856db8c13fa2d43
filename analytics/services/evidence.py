"""Readiness evidence: the outcome of a person's last three sandbox runs per
process, kept in a row of its own so that it survives the deletion of runs."""

from __future__ import annotations

from django.db import transaction

from analytics.formula import RUNS_COUNTED
from analytics.models import ReadinessEvidence
from sandbox.selectors import outcomes as sandbox_outcomes


def evidence_record_run(*, run_id) -> ReadinessEvidence | None:
    """Add one finished run to its person's evidence (idempotent per run: a run
    already counted, i.e. not newer than the last one, changes nothing)."""
    outcome = sandbox_outcomes.run_outcome(run_id)
    if outcome is None:
        return None
    with transaction.atomic():
        evidence = (
            ReadinessEvidence.objects.select_for_update()
            .filter(user_id=outcome["user_id"], process_id=outcome["process_id"])
            .first()
        )
        if evidence is None:
            evidence = ReadinessEvidence(
                user_id=outcome["user_id"],
                process_id=outcome["process_id"],
                recent=[],
                last_run_at=outcome["finished_at"],
            )
        elif evidence.recent and outcome["finished_at"] <= evidence.last_run_at:
            return evidence
        evidence.recent = ([outcome["clean"]] + list(evidence.recent))[:RUNS_COUNTED]
        evidence.clean_runs = sum(1 for clean in evidence.recent if clean)
        evidence.passed_ever = evidence.passed_ever or outcome["passed"]
        evidence.last_run_at = outcome["finished_at"]
        evidence.save()
    return evidence


def evidence_backfill(*, process_ids: list[str]) -> int:
    """Rebuild the evidence of these processes from the runs still stored (for a
    fresh installation or the demo). People whose runs are gone keep their row."""
    by_person: dict[tuple[int, str], list[dict]] = {}
    for outcome in sandbox_outcomes.recent_run_outcomes(process_ids=process_ids):
        by_person.setdefault((outcome["user_id"], outcome["process_id"]), []).append(
            outcome
        )
    with transaction.atomic():
        for (user_id, process_id), outcomes in by_person.items():
            recent = [o["clean"] for o in outcomes][:RUNS_COUNTED]
            existing = ReadinessEvidence.objects.filter(
                user_id=user_id, process_id=process_id
            ).first()
            ReadinessEvidence.objects.update_or_create(
                user_id=user_id,
                process_id=process_id,
                defaults={
                    "recent": recent,
                    "clean_runs": sum(1 for clean in recent if clean),
                    "passed_ever": any(o["passed"] for o in outcomes)
                    or bool(existing and existing.passed_ever),
                    "last_run_at": outcomes[0]["finished_at"],
                },
            )
    return len(by_person)
