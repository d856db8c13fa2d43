"""Which processes are tracked, and which courses and units belong to each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from analytics.models import Initiative
from lms.selectors.org import org_subtree_ids


@dataclass
class ProcessScope:
    """A process with everything the initiatives covering it name (merged)."""

    process_id: str
    course_ids: list[int] = field(default_factory=list)
    unit_ids: set[int] = field(default_factory=set)  # with subtrees
    initiative_ids: list[int] = field(default_factory=list)
    go_live: dt.date | None = None
    target_share: int | None = None


def process_scopes(*, initiative_id: int | None = None) -> dict[str, ProcessScope]:
    """process id → its scope, over all initiatives (or one). Two queries."""
    initiatives = Initiative.objects.prefetch_related("org_units").order_by("go_live")
    if initiative_id is not None:
        initiatives = initiatives.filter(pk=initiative_id)
    scopes: dict[str, ProcessScope] = {}
    for initiative in initiatives:
        roots = [unit.pk for unit in initiative.org_units.all()]
        units = org_subtree_ids(roots) if roots else set()
        for process_id in initiative.process_ids:
            scope = scopes.setdefault(process_id, ProcessScope(process_id=process_id))
            for course_id in initiative.course_ids:
                if course_id not in scope.course_ids:
                    scope.course_ids.append(course_id)
            scope.unit_ids |= units
            scope.initiative_ids.append(initiative.pk)
            if scope.go_live is None:
                scope.go_live = initiative.go_live
                scope.target_share = initiative.target_share
    return scopes


def initiative_list() -> list[Initiative]:
    return list(Initiative.objects.prefetch_related("org_units").order_by("go_live"))
