"""Everything one dashboard page shows, read in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Sum
from django.utils.translation import gettext as _

from analytics import charts, suppression
from analytics.models import AdoptionFigure, Initiative, ReadinessAggregate
from analytics.selectors.dashboard import (
    ALL,
    Cell,
    ReadinessTable,
    readiness_table,
    unit_visible,
)
from lms.selectors.org import org_subtree_ids
from lms.selectors.readiness import org_units_plain
from sandbox import selectors as sandbox


@dataclass
class Chart:
    key: str
    title: str
    how_to_read: str
    figure: dict
    headers: list[str]
    rows: list[list[str]]

    @property
    def script_id(self) -> str:
        return f"chart-{self.key}-data"


@dataclass
class DashboardPage:
    initiatives: list[Initiative]
    initiative: Initiative | None
    processes: list[tuple[str, str]]  # (id, title) of the initiative
    process_id: str | None
    units: list[dict]  # the units the viewer may pick, with depth
    unit_id: int | None
    table: ReadinessTable | None
    charts: list[Chart] = field(default_factory=list)


def _fmt(value: float | None, *, percent: bool = False) -> str:
    if value is None:
        return "–"
    if percent:
        return f"{value * 100:.0f} %"
    return f"{value:.0f}"


def _process_titles(process_ids: list[str]) -> dict[str, str]:
    titles = {p.process_id: p.title for p in sandbox.process_list()}
    return {pid: titles.get(pid, pid) for pid in process_ids}


def _groups(units: list[dict], visible: set[int], root_id: int | None) -> list[dict]:
    """The units drawn as lines and points: children of the chosen unit, else the
    viewer's top units (or their children when there is only one)."""
    children: dict[int | None, list[dict]] = {}
    for unit in units:
        children.setdefault(unit["parent_id"], []).append(unit)
    shown = [u for u in units if unit_visible(visible, u["id"])]
    ids = {u["id"] for u in shown}
    if root_id is not None:
        return children.get(root_id, []) or [u for u in units if u["id"] == root_id]
    roots = [u for u in shown if u["parent_id"] not in ids]
    if len(roots) == 1:
        return children.get(roots[0]["id"], []) or roots
    return roots


def dashboard_page(
    *,
    visible: set[int],
    initiative_id: int | None,
    process_id: str | None,
    unit_id: int | None,
    today: dt.date,
    with_charts: bool = True,
) -> DashboardPage:
    """The filters a viewer may pick and, ``with_charts``, table and charts."""
    initiatives = list(Initiative.objects.order_by("go_live", "title"))
    initiative = next((i for i in initiatives if i.pk == initiative_id), None) or (
        initiatives[0] if initiatives else None
    )
    units = org_units_plain()
    depth: dict[int, int] = {}
    by_id = {u["id"]: u for u in units}

    def depth_of(unit_id: int) -> int:
        if unit_id not in depth:
            parent = by_id[unit_id]["parent_id"]
            depth[unit_id] = 0 if parent is None else depth_of(parent) + 1
        return depth[unit_id]

    pickable = [
        dict(u, depth=depth_of(u["id"]))
        for u in units
        if unit_visible(visible, u["id"])
    ]
    if unit_id is not None and not unit_visible(visible, unit_id):
        unit_id = None
    page = DashboardPage(
        initiatives=initiatives,
        initiative=initiative,
        processes=[],
        process_id=None,
        units=pickable,
        unit_id=unit_id,
        table=None,
    )
    if initiative is None:
        return page
    titles = _process_titles(list(initiative.process_ids))
    page.processes = list(titles.items())
    page.process_id = process_id if process_id in titles else next(iter(titles), None)
    if with_charts:
        dashboard_page_charts(page, visible=visible, today=today)
    return page


def dashboard_page_charts(
    page: DashboardPage, *, visible: set[int], today: dt.date
) -> None:
    """Fill in the readiness table and the charts of a page from `dashboard_page`."""
    if page.initiative is None or page.process_id is None:
        return
    titles = dict(page.processes)
    table = readiness_table(
        process_ids=list(titles), visible=visible, root_unit_id=page.unit_id
    )
    page.table = table
    page.charts = _charts(
        page,
        table,
        titles,
        org_units_plain(),
        visible,
        page.initiative.target_share / 100,
        page.initiative.go_live,
        today,
    )


def _charts(page, table, titles, units, visible, target, go_live, today) -> list[Chart]:
    process_id = page.process_id
    title = titles[process_id]
    unit_name = (
        next(u["name"] for u in units if u["id"] == page.unit_id)
        if page.unit_id
        else _("alle meine Einheiten")
    )
    focus: Cell | None = (
        table.cell(page.unit_id, process_id)
        if page.unit_id
        else table.cell(None, process_id)
    )
    result: list[Chart] = []

    # 1. Heatmap over every unit and process of the initiative.
    names = []
    rows = []
    for cell in table.cells:
        label = "\u2003" * min(cell.depth, 4) + cell.name
        if label not in names:
            names.append(label)
        rows.append(
            {
                "unit": label,
                "process": titles[cell.process_id],
                "readiness": cell.readiness,
                "suppressed": cell.suppressed,
            }
        )
    result.append(
        Chart(
            "heatmap",
            _("Bereitschaft je Einheit und Prozess"),
            _(
                "Jede Zeile ist eine Einheit mit allen Untereinheiten, jede Spalte ein "
                "Prozess. Die Zahl ist die mittlere Bereitschaft (0–100); je dunkler, "
                "desto bereiter. Graue Felder mit „< 5“ betreffen weniger als 5 "
                "Personen – oder ließen sich aus anderen Feldern errechnen – und "
                "zeigen deshalb keinen Wert."
            ),
            charts.readiness_heatmap(
                rows, units=names, processes=[titles[p] for p in titles]
            ),
            [_("Einheit"), _("Prozess"), _("Personen"), _("Bereitschaft"), _("bereit")],
            [
                [
                    r["unit"].strip(),
                    r["process"],
                    str(c.n) if c.n is not None else charts.SUPPRESSED_TEXT,
                    _fmt(c.readiness),
                    _fmt(c.ready_share, percent=True),
                ]
                for r, c in zip(rows, table.cells, strict=True)
            ],
        )
    )

    # 2. Barrier profile and 3. funnel of the chosen unit (or all) and process.
    shown = focus is not None and not focus.suppressed
    labels = charts.barrier_labels()
    result.append(
        Chart(
            "barriers",
            _("Hürden nach ADKAR: %(unit)s, %(process)s")
            % {"unit": unit_name, "process": title},
            _(
                "Jeder Balken zeigt, welcher Anteil der Beschäftigten an dieser Stelle "
                "zuerst hängen bleibt: Bewusstsein, Wunsch, Wissen, Können, Festigen. "
                "Der längste Balken zeigt, wo Schulung oder Begleitung am meisten hilft."
            ),
            charts.barrier_profile(
                focus.barriers if shown and focus else None,
                title=_("Hürden nach ADKAR"),
            ),
            [_("Hürde"), _("Anteil")],
            [
                [
                    labels[key],
                    _fmt(focus.barriers[key], percent=True)
                    if shown and focus and focus.barriers
                    else charts.SUPPRESSED_TEXT,
                ]
                for key in charts.BARRIER_KEYS
            ],
        )
    )
    funnel_labels = [
        ("in_scope", _("im Geltungsbereich")),
        ("started", _("begonnen")),
        ("course_completed", _("Kurs abgeschlossen")),
        ("sandbox_passed", _("Übung bestanden")),
        ("ready", _("bereit")),
    ]
    result.append(
        Chart(
            "funnel",
            _("Vom Start zur Bereitschaft: %(unit)s, %(process)s")
            % {"unit": unit_name, "process": title},
            _(
                "Von oben nach unten: wie viele Personen im Geltungsbereich sind, "
                "begonnen haben, den Kurs abgeschlossen, die Übung bestanden haben und "
                "bereit sind. Wo die Breite stark abnimmt, lohnt sich Unterstützung."
            ),
            charts.readiness_funnel(
                focus.funnel if shown and focus else None, title=_("Trichter")
            ),
            [_("Stufe"), _("Personen")],
            [
                [
                    label,
                    str(focus.funnel[key])
                    if shown and focus and focus.funnel
                    else charts.SUPPRESSED_TEXT,
                ]
                for key, label in funnel_labels
            ],
        )
    )

    # 4. Adoption curve and 5. quadrant over the group units.
    groups = _groups(units, visible, page.unit_id)
    # Members of each group from the unit list in memory: no query per group.
    kids: dict[int | None, list[int]] = {}
    for unit in units:
        kids.setdefault(unit["parent_id"], []).append(unit["id"])
    member_of: dict[int, int] = {}
    for group in groups:
        stack = [group["id"]]
        while stack:
            member = stack.pop()
            member_of[member] = group["id"]
            stack.extend(kids.get(member, []))
    weekly: dict[int, dict[str, list[int]]] = {}
    figures = (
        AdoptionFigure.objects.filter(
            process_id=process_id,
            week_start__gte=go_live - dt.timedelta(days=go_live.weekday()),
            org_unit_id__in=list(member_of),
        )
        .values("org_unit_id", "week")
        .annotate(d=Sum("digital"), t=Sum("total"))
    )
    for row in figures:
        group_id = member_of[row["org_unit_id"]]
        sums = weekly.setdefault(group_id, {}).setdefault(row["week"], [0, 0])
        sums[0] += row["d"]
        sums[1] += row["t"]
    group_names = {g["id"]: g["name"] for g in groups}
    series = {
        group_names[gid]: [
            (week, d / t if t else None) for week, (d, t) in sorted(weeks.items())
        ]
        for gid, weeks in weekly.items()
    }
    result.append(
        Chart(
            "adoption",
            _("Digitaler Anteil seit dem Start: %(process)s") % {"process": title},
            _(
                "Jede Linie ist eine Einheit: welcher Anteil ihrer Fälle pro "
                "Kalenderwoche digital bearbeitet wurde. Die gestrichelte Linie ist "
                "das Ziel des Vorhabens. Die Zahlen melden die Fachverfahren je "
                "Einheit, nie je Person."
            ),
            charts.adoption_curve(series, target=target, title=_("Nutzung")),
            [_("Einheit"), _("Kalenderwoche"), _("digitaler Anteil")],
            [
                [name, week, _fmt(share, percent=True)]
                for name, points in series.items()
                for week, share in points[-8:]
            ],
        )
    )
    points = []
    for group in groups:
        for pid in titles:
            cell = table.cell(group["id"], pid)
            if cell and not cell.suppressed and cell.adoption is not None:
                points.append(
                    {
                        "label": f"{group['name']} · {titles[pid]}",
                        "readiness": cell.readiness,
                        "adoption": cell.adoption,
                    }
                )
    result.append(
        Chart(
            "quadrant",
            _("Bereitschaft und Nutzung"),
            _(
                "Jeder Punkt ist eine Einheit mit einem Prozess: rechts die bereiten, "
                "oben die, die schon digital arbeiten (letzte 8 Wochen). Punkte rechts "
                "unten sind bereit, nutzen das Verfahren aber wenig – das weist auf "
                "Hindernisse im Verfahren hin, nicht auf die Menschen."
            ),
            charts.readiness_adoption_quadrant(
                points, target=target, title=_("Bereitschaft und Nutzung")
            ),
            [_("Einheit und Prozess"), _("Bereitschaft"), _("digitaler Anteil")],
            [
                [p["label"], _fmt(p["readiness"]), _fmt(p["adoption"], percent=True)]
                for p in points
            ],
        )
    )

    # 6. Trend of the chosen unit (or all) and process.
    if page.unit_id:
        trend_units = org_subtree_ids([page.unit_id])
    elif isinstance(visible, type(ALL)):
        trend_units = None
    else:
        trend_units = set(visible)
    aggregates = ReadinessAggregate.objects.filter(process_id=process_id)
    if trend_units is not None:
        aggregates = aggregates.filter(org_unit_id__in=list(trend_units))
    trend: list[dict[str, Any]] = []
    for day_row in (
        aggregates.values("day")
        .annotate(n=Sum("n"), s=Sum("readiness_sum"), r=Sum("ready"))
        .order_by("day")
    ):
        n = day_row["n"]
        ok = shown and n >= suppression.MIN_GROUP
        trend.append(
            {
                "day": day_row["day"].isoformat(),
                "readiness": day_row["s"] / n if ok else None,
                "ready_share": day_row["r"] / n if ok else None,
            }
        )
    result.append(
        Chart(
            "trend",
            _("Verlauf: %(unit)s, %(process)s") % {"unit": unit_name, "process": title},
            _(
                "Die durchgezogene Linie ist die mittlere Bereitschaft je Tag, die "
                "gepunktete der Anteil der bereiten Personen in Prozent. Lücken "
                "stehen für Tage mit weniger als 5 Personen."
            ),
            charts.readiness_trend(trend, title=_("Verlauf")),
            [_("Tag"), _("Bereitschaft"), _("bereit")],
            [
                [r["day"], _fmt(r["readiness"]), _fmt(r["ready_share"], percent=True)]
                for r in trend[-14:]
            ],
        )
    )
    return result
