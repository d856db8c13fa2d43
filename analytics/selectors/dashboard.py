"""Readiness per unit and process, as the dashboards, the API and the exports show it.

Every figure here is an aggregate: sums of the per-unit rows over a unit's
subtree, suppressed below 5 people and complementarily (`analytics.suppression`).
A page costs the same few queries however many people and units there are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Max, Sum
from django.utils import timezone

from analytics import suppression
from analytics.formula import FORMULA_VERSION
from analytics.models import AdoptionFigure, ReadinessAggregate
from lms import roles
from lms.selectors.org import org_subtree_ids, user_roles
from lms.selectors.readiness import org_units_plain

ADOPTION_WEEKS = 8
TOTAL = "__total__"  # the virtual root of a totals row
_BARRIER_FIELDS = {
    "A": "barrier_a",
    "D": "barrier_d",
    "K": "barrier_k",
    "Ab": "barrier_ab",
    "R": "barrier_r",
    "none": "barrier_none",
}
_SUMS = (
    "n",
    "readiness_sum",
    "ready",
    "started",
    "course_completed",
    "sandbox_passed",
    *_BARRIER_FIELDS.values(),
)


@dataclass
class Cell:
    """One unit (with its subtree) and process, or the totals row of a process."""

    process_id: str
    unit_id: int | None  # None for the totals row
    code: str
    name: str
    depth: int
    n: int | None  # None when suppressed
    suppressed: bool
    readiness: float | None = None  # 0..100
    ready_share: float | None = None  # 0..1
    barriers: dict[str, float] | None = None  # shares, keys A, D, K, Ab, R, none
    funnel: dict[str, int] | None = None
    adoption: float | None = None  # 0..1 over the last 8 weeks
    is_total: bool = False

    def as_api(self) -> dict:
        return {
            "org_unit": self.code,
            "process": self.process_id,
            "n": self.n,
            "suppressed": self.suppressed,
            "readiness": None if self.readiness is None else round(self.readiness, 1),
            "ready_share": None
            if self.ready_share is None
            else round(self.ready_share, 3),
            "barriers": None
            if self.barriers is None
            else {k: round(v, 3) for k, v in self.barriers.items()},
            "adoption": None if self.adoption is None else round(self.adoption, 3),
        }


@dataclass
class ReadinessTable:
    formula_version: str
    day: dict[str, dt.date | None]
    cells: list[Cell] = field(default_factory=list)  # unit cells, tree order
    totals: list[Cell] = field(default_factory=list)  # one per process

    def cell(self, unit_id: int | None, process_id: str) -> Cell | None:
        rows = self.totals if unit_id is None else self.cells
        return next(
            (c for c in rows if c.unit_id == unit_id and c.process_id == process_id),
            None,
        )


# --- Who sees what ---------------------------------------------------------------


def dashboard_unit_scope(user) -> set[int] | None:
    """The units whose aggregates this person may see (heads: their subtrees), an
    empty set for everybody (training admin, administrators: ``ALL``), or None
    when the person may not see dashboards at all."""
    person_roles = user_roles(user)
    if roles.TRAINING_ADMIN in person_roles or roles.ADMIN in person_roles:
        return ALL
    if roles.HEAD in person_roles:
        led = list(user.headed_units.values_list("id", flat=True))
        return org_subtree_ids(led)
    return None


class _All(set):
    """Marker: every unit."""


ALL: set[int] = _All()


def unit_visible(scope: set[int], unit_id: int) -> bool:
    return isinstance(scope, _All) or unit_id in scope


def may_view_dashboards(user) -> bool:
    return dashboard_unit_scope(user) is not None


# --- The table ------------------------------------------------------------------


def _tree(units: list[dict]) -> tuple[dict[int | None, list[int]], list[int]]:
    children: dict[int | None, list[int]] = {}
    for unit in units:
        children.setdefault(unit["parent_id"], []).append(unit["id"])
    order: list[int] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        unit_id = stack.pop()
        order.append(unit_id)
        stack.extend(reversed(children.get(unit_id, [])))
    return children, order


def _subtree_sums(
    direct: dict[int, dict], children: dict[int | None, list[int]], order: list[int]
) -> dict[int, dict]:
    sums: dict[int, dict] = {}
    for unit_id in reversed(order):  # children before their parents
        total = dict.fromkeys(_SUMS, 0.0)
        own = direct.get(unit_id)
        if own:
            for key in _SUMS:
                total[key] += own[key]
        for child in children.get(unit_id, []):
            for key in _SUMS:
                total[key] += sums[child][key]
        sums[unit_id] = total
    return sums


def _latest_days(process_ids: list[str], day: dt.date | None) -> dict[str, dt.date]:
    rows = ReadinessAggregate.objects.filter(process_id__in=process_ids)
    if day is not None:
        rows = rows.filter(day__lte=day)
    return {
        row["process_id"]: row["latest"]
        for row in rows.values("process_id").annotate(latest=Max("day"))
    }


def iso_week_monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _adoption_sums(
    process_ids: list[str], today: dt.date
) -> dict[tuple[int, str], tuple[int, int]]:
    since = iso_week_monday(today) - dt.timedelta(weeks=ADOPTION_WEEKS)
    rows = (
        AdoptionFigure.objects.filter(process_id__in=process_ids, week_start__gte=since)
        .values("org_unit_id", "process_id")
        .annotate(digital_sum=Sum("digital"), total_sum=Sum("total"))
    )
    return {
        (row["org_unit_id"], row["process_id"]): (row["digital_sum"], row["total_sum"])
        for row in rows
    }


def _figures(cell: Cell, sums: dict) -> None:
    n = sums["n"]
    cell.readiness = sums["readiness_sum"] / n
    cell.ready_share = sums["ready"] / n
    cell.barriers = {key: sums[name] / n for key, name in _BARRIER_FIELDS.items()}
    cell.funnel = {
        "in_scope": int(n),
        "started": int(sums["started"]),
        "course_completed": int(sums["course_completed"]),
        "sandbox_passed": int(sums["sandbox_passed"]),
        "ready": int(sums["ready"]),
    }


def readiness_table(
    *,
    process_ids: list[str],
    visible: set[int],
    root_unit_id: int | None = None,
    day: dt.date | None = None,
) -> ReadinessTable:
    """Cells of every visible unit (with people in scope) per process, and a totals
    row per process, with every suppression applied. ``visible`` is a unit scope
    from `dashboard_unit_scope`; ``root_unit_id`` narrows it to one subtree (a
    filter: the suppression stays that of the whole tree, so no filter reveals
    what another hides)."""
    units = org_units_plain()
    by_id = {unit["id"]: unit for unit in units}
    children, order = _tree(units)
    shown_ids = set(by_id) if isinstance(visible, _All) else set(visible)
    if root_unit_id is not None:
        shown_ids &= org_subtree_ids([root_unit_id])
    depth: dict[int, int] = {}
    for unit_id in order:
        parent = by_id[unit_id]["parent_id"]
        depth[unit_id] = depth.get(parent, -1) + 1 if parent is not None else 0
    view_roots = [
        u for u in order if u in shown_ids and by_id[u]["parent_id"] not in shown_ids
    ]

    days = _latest_days(process_ids, day)
    direct: dict[str, dict[int, dict]] = {p: {} for p in process_ids}
    aggregates = ReadinessAggregate.objects.none()
    for process_id, latest in days.items():
        aggregates = aggregates | ReadinessAggregate.objects.filter(
            process_id=process_id, day=latest
        )
    for row in aggregates.values("process_id", "org_unit_id", *_SUMS):
        direct[row["process_id"]][row["org_unit_id"]] = row
    adoption = _adoption_sums(process_ids, day or timezone.localdate())

    table = ReadinessTable(
        formula_version=FORMULA_VERSION, day={p: days.get(p) for p in process_ids}
    )
    for process_id in process_ids:
        sums = _subtree_sums(direct[process_id], children, order)
        n_of: dict = {unit_id: int(s["n"]) for unit_id, s in sums.items()}
        n_of[TOTAL] = sum(n_of[u] for u in children.get(None, []))
        tree: dict = {u: kids for u, kids in children.items() if u is not None}
        tree[TOTAL] = children.get(None, [])
        hidden = suppression.complementary_suppressed(tree, n_of)
        # The viewer's totals row sums their top units: a parent like any other.
        view_total = ("view", process_id)
        n_of[view_total] = sum(n_of[u] for u in view_roots)
        hidden = suppression.complementary_suppressed(
            {view_total: view_roots}, n_of, suppressed=hidden
        )
        adoption_sums = _subtree_adoption(adoption, process_id, children, order)
        for unit_id in order:
            if unit_id not in shown_ids or n_of[unit_id] == 0:
                continue
            unit = by_id[unit_id]
            cell = Cell(
                process_id=process_id,
                unit_id=unit_id,
                code=unit["code"],
                name=unit["name"],
                depth=depth[unit_id],
                n=None if unit_id in hidden else n_of[unit_id],
                suppressed=unit_id in hidden,
                adoption=adoption_sums.get(unit_id),
            )
            if not cell.suppressed:
                _figures(cell, sums[unit_id])
            table.cells.append(cell)
        total_n = n_of[view_total]
        total = Cell(
            process_id=process_id,
            unit_id=None,
            code="",
            name="",
            depth=0,
            n=None if view_total in hidden else total_n,
            suppressed=view_total in hidden or 0 < total_n < suppression.MIN_GROUP,
            is_total=True,
        )
        if total_n and not total.suppressed:
            combined = dict.fromkeys(_SUMS, 0.0)
            for root in view_roots:
                for key in _SUMS:
                    combined[key] += sums[root][key]
            _figures(total, combined)
            digital = sum(adoption.get((u, process_id), (0, 0))[0] for u in shown_ids)
            cases = sum(adoption.get((u, process_id), (0, 0))[1] for u in shown_ids)
            total.adoption = digital / cases if cases else None
        if total_n:
            table.totals.append(total)
    return table


def _subtree_adoption(
    adoption: dict[tuple[int, str], tuple[int, int]],
    process_id: str,
    children: dict[int | None, list[int]],
    order: list[int],
) -> dict[int, float]:
    sums: dict[int, tuple[int, int]] = {}
    for unit_id in reversed(order):
        digital, total = adoption.get((unit_id, process_id), (0, 0))
        for child in children.get(unit_id, []):
            digital += sums[child][0]
            total += sums[child][1]
        sums[unit_id] = (digital, total)
    return {u: d / t for u, (d, t) in sums.items() if t}
