"""The six dashboard charts as pure functions: rows in, plotly Figure out.

No database and no request here, so each chart is tested on hand-made rows.
Suppressed figures arrive as None and are drawn as grey "< 5" cells, never as a
number. Every chart has a data table beside it on the page (WCAG 1.1.1).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
from django.utils.translation import gettext as _

SUPPRESSED_TEXT = "< 5"
GREY = "#c8c8c8"
PRIMARY = "#0b4f8a"
ACCENT = "#b35c00"
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


def _layout(fig: go.Figure, *, title: str, height: int = 380) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0},
        font=FONT,
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
    )
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def readiness_heatmap(
    rows: Sequence[Mapping], *, units: Sequence[str], processes: Sequence[str]
) -> go.Figure:
    """1. Org units × processes, mean readiness; suppressed cells grey with "< 5".

    ``rows``: ``{"unit", "process", "readiness" (None when suppressed),
    "suppressed"}``; ``units`` and ``processes`` give the order of the axes."""
    by_key = {(r["unit"], r["process"]): r for r in rows}
    z: list[list[float | None]] = []
    text: list[list[str]] = []
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
            else:
                z_row.append(round(row["readiness"], 0))
                text_row.append(f"{row['readiness']:.0f}")
        z.append(z_row)
        text.append(text_row)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=list(processes),
            y=list(units),
            text=text,
            texttemplate="%{text}",
            zmin=0,
            zmax=100,
            colorscale=[[0, "#f7e4d0"], [0.5, "#9cc3e4"], [1, PRIMARY]],
            # Every cell shows its figure, so no colour scale: plotly.js draws it
            # with `style=""` attributes, which our CSP (style-src 'self') blocks.
            showscale=False,
            hoverongaps=False,
            xgap=2,
            ygap=2,
        )
    )
    # Cells without a figure show the grey background and their "< 5" label.
    for y, unit in enumerate(units):
        for x, process in enumerate(processes):
            if text[y][x] == SUPPRESSED_TEXT:
                fig.add_annotation(
                    x=process, y=unit, text=SUPPRESSED_TEXT, showarrow=False, font=FONT
                )
    fig.update_yaxes(autorange="reversed")
    _layout(
        fig,
        title=_("Bereitschaft je Einheit und Prozess"),
        height=max(300, 60 + 40 * len(units)),
    )
    fig.update_layout(plot_bgcolor=GREY)
    return fig


def barrier_profile(shares: Mapping[str, float] | None, *, title: str) -> go.Figure:
    """2. Share of staff per barrier point (ADKAR order), for a unit and process."""
    labels = barrier_labels()
    values = [(shares or {}).get(key, 0) * 100 for key in BARRIER_KEYS]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=[labels[key] for key in BARRIER_KEYS],
            orientation="h",
            marker_color=[ACCENT] * 5 + [PRIMARY],
            text=[f"{v:.0f} %" for v in values],
            textposition="auto",
        )
    )
    fig.update_xaxes(title_text=_("Anteil der Beschäftigten in %"), range=[0, 100])
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title=title)


def readiness_funnel(funnel: Mapping[str, int] | None, *, title: str) -> go.Figure:
    """3. In scope → started → course completed → sandbox passed → ready."""
    steps = [
        ("in_scope", _("im Geltungsbereich")),
        ("started", _("begonnen")),
        ("course_completed", _("Kurs abgeschlossen")),
        ("sandbox_passed", _("Übung bestanden")),
        ("ready", _("bereit")),
    ]
    fig = go.Figure(
        go.Funnel(
            y=[label for _key, label in steps],
            x=[(funnel or {}).get(key, 0) for key, _label in steps],
            marker={"color": PRIMARY},
            textinfo="value+percent initial",
        )
    )
    return _layout(fig, title=title)


def adoption_curve(
    series: Mapping[str, Sequence[tuple[str, float | None]]],
    *,
    target: float | None,
    title: str,
) -> go.Figure:
    """4. Weekly digital share since go-live per unit, with the target line.

    ``series``: unit name → [(ISO week, share 0..1 or None)]."""
    fig = go.Figure()
    weeks: list[str] = []
    for name, points in series.items():
        fig.add_trace(
            go.Scatter(
                x=[week for week, _share in points],
                y=[None if s is None else s * 100 for _week, s in points],
                mode="lines+markers",
                name=name,
            )
        )
        weeks += [week for week, _share in points if week not in weeks]
    if target is not None and weeks:
        weeks.sort()
        fig.add_trace(
            go.Scatter(
                x=[weeks[0], weeks[-1]],
                y=[target * 100, target * 100],
                mode="lines",
                name=_("Ziel"),
                line={"dash": "dash", "color": "#1a1a1a"},
            )
        )
    fig.update_yaxes(title_text=_("digitaler Anteil in %"), range=[0, 100])
    fig.update_xaxes(title_text=_("Kalenderwoche"))
    return _layout(fig, title=title)


def readiness_adoption_quadrant(
    points: Sequence[Mapping], *, target: float | None, title: str
) -> go.Figure:
    """5. One point per unit × process: readiness (x) against adoption (y).

    Points right and low ("ready but not using") point to obstacles in the
    process, not in the people. ``points``: ``{"label", "readiness", "adoption"}``
    (suppressed cells are left out by the caller)."""
    fig = go.Figure(
        go.Scatter(
            x=[p["readiness"] for p in points],
            y=[p["adoption"] * 100 for p in points],
            text=[p["label"] for p in points],
            mode="markers+text",
            textposition="top center",
            marker={"size": 12, "color": PRIMARY},
        )
    )
    fig.add_vline(x=75, line_dash="dash", line_color="#555555")
    fig.add_hline(
        y=(target if target is not None else 0.5) * 100,
        line_dash="dash",
        line_color="#555555",
    )
    fig.add_annotation(
        x=95,
        y=5,
        text=_("bereit, aber wenig genutzt"),
        showarrow=False,
        xanchor="right",
        font=FONT,
    )
    fig.update_xaxes(title_text=_("Bereitschaft"), range=[0, 100])
    fig.update_yaxes(title_text=_("digitaler Anteil in %"), range=[0, 100])
    return _layout(fig, title=title)


def readiness_trend(rows: Sequence[Mapping], *, title: str) -> go.Figure:
    """6. Mean readiness and share ready over time (None where suppressed).

    ``rows``: ``{"day" (ISO date), "readiness", "ready_share"}``."""
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=[r["day"] for r in rows],
            y=[r["readiness"] for r in rows],
            mode="lines+markers",
            name=_("mittlere Bereitschaft"),
            line={"color": PRIMARY},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[r["day"] for r in rows],
            y=[
                None if r["ready_share"] is None else r["ready_share"] * 100
                for r in rows
            ],
            mode="lines+markers",
            name=_("Anteil bereit in %"),
            line={"color": ACCENT, "dash": "dot"},
        )
    )
    fig.update_yaxes(range=[0, 100])
    return _layout(fig, title=title)


def figure_json(fig: go.Figure) -> dict:
    """The figure as plain JSON data for `json_script` (data and layout only)."""
    return json.loads(fig.to_json())
