"""Adoption figures as reported (cases per unit, process and week; no people)."""

from __future__ import annotations

from analytics.models import AdoptionFigure


def adoption_figures(
    *, process_id: str | None = None, org_unit_code: str | None = None
) -> list[dict]:
    """Every reported week in the API's shape, oldest first (one query)."""
    rows = AdoptionFigure.objects.select_related("org_unit").order_by(
        "org_unit__code", "process_id", "week_start"
    )
    if process_id:
        rows = rows.filter(process_id=process_id)
    if org_unit_code:
        rows = rows.filter(org_unit__code=org_unit_code)
    return [
        {
            "org_unit": row.org_unit.code,
            "process": row.process_id,
            "week": row.week,
            "digital": row.digital,
            "total": row.total,
        }
        for row in rows
    ]
