"""The six dashboard charts as pure functions: rows in, plotly.js figure out.

A figure is the plain JSON plotly.js draws, ``{"data": [...], "layout": {...}}``,
built here as dicts and lists: plotly's Python ``graph_objects`` validate every
property on every change, which cost most of a dashboard request. No database and
no request here, so each chart is tested on hand-made rows. Suppressed figures
arrive as None and are drawn as grey "< 5" cells, never as a number. Every chart
has a data table beside it on the page (WCAG 1.1.1).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

Figure = dict[str, Any]

SUPPRESSED_TEXT = "< 5"
GREY = "#c8c8c8"
PRIMARY = "#0b4f8a"
ACCENT = "#b35c00"
GUIDE = "#555555"
FONT = {"family": "system-ui, sans-serif", "size": 14, "color": "#1a1a1a"}
BARRIER_KEYS = ("A", "D", "K", "Ab", "R", "none")


def barrier_labels() -> dict[str, str]:
    return {
        "A": _("Bewusstsein"),
        "D": _("Wunsch"),
        "K": _("Wissen"),
        "Ab": _("Können"),
        "R": _("Festigen"),
        "none": _("keine Hürde"),
    }


def _axis(**options: Any) -> dict[str, Any]:
    """An axis that makes room for its labels; ``title`` is the axis title text."""
    axis: dict[str, Any] = {"automargin": True}
    title = options.pop("title", None)
    if title is not None:
        axis["title"] = {"text": title}
    axis.update(options)
    return axis


def _figure(
    data: list[dict[str, Any]],
    *,
    title: str,
    xaxis: dict[str, Any] | None = None,
    yaxis: dict[str, Any] | None = None,
    height: int = 380,
    **layout: Any,
) -> Figure:
    return {
        "data": data,
        "layout": {
            "title": {"text": title, "x": 0},
            "font": FONT,
            "height": height,
            "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
            "paper_bgcolor": "#ffffff",
            "plot_bgcolor": "#ffffff",
            "xaxis": xaxis or _axis(),
            "yaxis": yaxis or _axis(),
            **layout,
        },
    }


def _note(text: str, *, x: Any, y: Any, **options: Any) -> dict[str, Any]:
    return {"text": text, "x": x, "y": y, "showarrow": False, "font": FONT, **options}


def _dashed_line(
    *, xref: str, x: tuple[float, float], yref: str, y: tuple[float, float]
) -> dict[str, Any]:
    return {
        "type": "line",
        "line": {"color": GUIDE, "dash": "dash"},
        "xref": xref,
        "yref": yref,
        "x0": x[0],
        "x1": x[1],
        "y0": y[0],
        "y1": y[1],
    }


def readiness_heatmap(
    rows: Sequence[Mapping], *, units: Sequence[str], processes: Sequence[str]
) -> Figure:
    """1. Org units × processes, mean readiness; suppressed cells grey with "< 5".

    ``rows``: ``{"unit", "process", "readiness" (None when suppressed),
    "suppressed"}``; ``units`` and ``processes`` give the order of the axes."""
    by_key = {(r["unit"], r["process"]): r for r in rows}
    z: list[list[float | None]] = []
    text: list[list[str]] = []
    notes: list[dict[str, Any]] = []
    for unit in units:
        z_row: list[float | None] = []
        text_row: list[str] = []
        for process in processes:
            row = by_key.get((unit, process))
            if row is None:
                z_row.append(None)
                text_row.append("")
            elif row["suppressed"]:
                z_row.append(None)
                text_row.append(SUPPRESSED_TEXT)
                # The cell has no figure: the grey background shows with this label.
                notes.append(_note(SUPPRESSED_TEXT, x=process, y=unit))
            else:
                z_row.append(round(row["readiness"], 0))
                text_row.append(f"{row['readiness']:.0f}")
        z.append(z_row)
        text.append(text_row)
    heatmap = {
        "type": "heatmap",
        "z": z,
        "x": list(processes),
        "y": list(units),
        "text": text,
        "texttemplate": "%{text}",
        "zmin": 0,
        "zmax": 100,
        "colorscale": [[0, "#f7e4d0"], [0.5, "#9cc3e4"], [1, PRIMARY]],
        # Every cell shows its figure, so no colour scale: plotly.js draws it
        # with `style=""` attributes, which our CSP (style-src 'self') blocks.
        "showscale": False,
        "hoverongaps": False,
        "xgap": 2,
        "ygap": 2,
    }
    return _figure(
        [heatmap],
        title=_("Bereitschaft je Einheit und Prozess"),
        yaxis=_axis(autorange="reversed"),
        height=max(300, 60 + 40 * len(units)),
        plot_bgcolor=GREY,
        annotations=notes,
    )


def barrier_profile(shares: Mapping[str, float] | None, *, title: str) -> Figure:
    """2. Share of staff per barrier point (ADKAR order), for a unit and process."""
    labels = barrier_labels()
    values = [(shares or {}).get(key, 0) * 100 for key in BARRIER_KEYS]
    bar = {
        "type": "bar",
        "x": values,
        "y": [labels[key] for key in BARRIER_KEYS],
        "orientation": "h",
        "marker": {"color": [ACCENT] * 5 + [PRIMARY]},
        "text": [f"{v:.0f} %" for v in values],
        "textposition": "auto",
    }
    return _figure(
        [bar],
        title=title,
        xaxis=_axis(title=_("Anteil der Beschäftigten in %"), range=[0, 100]),
        yaxis=_axis(autorange="reversed"),
    )


def readiness_funnel(funnel: Mapping[str, int] | None, *, title: str) -> Figure:
    """3. In scope → started → course completed → sandbox passed → ready."""
    steps = [
        ("in_scope", _("im Geltungsbereich")),
        ("started", _("begonnen")),
        ("course_completed", _("Kurs abgeschlossen")),
        ("sandbox_passed", _("Übung bestanden")),
        ("ready", _("bereit")),
    ]
    trace = {
        "type": "funnel",
        "y": [label for _key, label in steps],
        "x": [(funnel or {}).get(key, 0) for key, _label in steps],
        "marker": {"color": PRIMARY},
        "textinfo": "value+percent initial",
    }
    return _figure([trace], title=title)


def adoption_curve(
    series: Mapping[str, Sequence[tuple[str, float | None]]],
    *,
    target: float | None,
    title: str,
) -> Figure:
    """4. Weekly digital share since go-live per unit, with the target line.

    ``series``: unit name → [(ISO week, share 0..1 or None)]."""
    traces: list[dict[str, Any]] = []
    weeks: set[str] = set()
    for name, points in series.items():
        traces.append(
            {
                "type": "scatter",
                "x": [week for week, _share in points],
                "y": [None if s is None else s * 100 for _week, s in points],
                "mode": "lines+markers",
                "name": name,
            }
        )
        weeks.update(week for week, _share in points)
    if target is not None and weeks:
        traces.append(
            {
                "type": "scatter",
                "x": [min(weeks), max(weeks)],
                "y": [target * 100, target * 100],
                "mode": "lines",
                "name": _("Ziel"),
                "line": {"dash": "dash", "color": "#1a1a1a"},
            }
        )
    return _figure(
        traces,
        title=title,
        xaxis=_axis(title=_("Kalenderwoche")),
        yaxis=_axis(title=_("digitaler Anteil in %"), range=[0, 100]),
    )


def readiness_adoption_quadrant(
    points: Sequence[Mapping], *, target: float | None, title: str
) -> Figure:
    """5. One point per unit × process: readiness (x) against adoption (y).

    Points right and low ("ready but not using") point to obstacles in the
    process, not in the people. ``points``: ``{"label", "readiness", "adoption"}``
    (suppressed cells are left out by the caller)."""
    scatter = {
        "type": "scatter",
        "x": [p["readiness"] for p in points],
        "y": [p["adoption"] * 100 for p in points],
        "text": [p["label"] for p in points],
        "mode": "markers+text",
        "textposition": "top center",
        "marker": {"size": 12, "color": PRIMARY},
    }
    target_y = (target if target is not None else 0.5) * 100
    return _figure(
        [scatter],
        title=title,
        xaxis=_axis(title=_("Bereitschaft"), range=[0, 100]),
        yaxis=_axis(title=_("digitaler Anteil in %"), range=[0, 100]),
        # "Ready" from 75 on and the initiative's target, each across the whole
        # plot ("domain" is the plot area from 0 to 1).
        shapes=[
            _dashed_line(xref="x", x=(75, 75), yref="y domain", y=(0, 1)),
            _dashed_line(xref="x domain", x=(0, 1), yref="y", y=(target_y, target_y)),
        ],
        annotations=[
            _note(_("bereit, aber wenig genutzt"), x=95, y=5, xanchor="right")
        ],
    )


def readiness_trend(rows: Sequence[Mapping], *, title: str) -> Figure:
    """6. Mean readiness and share ready over time (None where suppressed).

    ``rows``: ``{"day" (ISO date), "readiness", "ready_share"}``."""
    days = [r["day"] for r in rows]
    readiness = {
        "type": "scatter",
        "x": days,
        "y": [r["readiness"] for r in rows],
        "mode": "lines+markers",
        "name": _("mittlere Bereitschaft"),
        "line": {"color": PRIMARY},
    }
    ready = {
        "type": "scatter",
        "x": days,
        "y": [
            None if r["ready_share"] is None else r["ready_share"] * 100 for r in rows
        ],
        "mode": "lines+markers",
        "name": _("Anteil bereit in %"),
        "line": {"color": ACCENT, "dash": "dot"},
    }
    return _figure([readiness, ready], title=title, yaxis=_axis(range=[0, 100]))
