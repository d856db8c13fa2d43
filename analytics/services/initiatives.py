"""Change initiatives: created, changed and deleted by the training admin."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from analytics.chart_cache import dashboard_charts_invalidate
from analytics.models import Initiative
from lms.person_generation import people_changed


def initiative_save(
    *,
    initiative: Initiative | None = None,
    title: str,
    go_live: dt.date,
    process_ids: list[str],
    course_ids: list[int],
    org_unit_ids: list[int],
    target_share: int,
) -> Initiative:
    """Create or change an initiative (validated with the model's rules)."""
    initiative = initiative or Initiative()
    initiative.title = title
    initiative.go_live = go_live
    initiative.process_ids = list(process_ids)
    initiative.course_ids = [int(c) for c in course_ids]
    initiative.target_share = target_share
    initiative.full_clean()
    with transaction.atomic():
        initiative.save()
        initiative.org_units.set(org_unit_ids)
        dashboard_charts_invalidate()
        people_changed()  # who is in scope of a wave (the start page's invitation)
    return initiative


def initiative_delete(*, initiative: Initiative) -> None:
    """Delete an initiative with its survey waves; readiness rows of its processes
    stay until the next recompute."""
    with transaction.atomic():
        initiative.delete()
        dashboard_charts_invalidate()
        people_changed()  # who is in scope of a wave (the start page's invitation)
