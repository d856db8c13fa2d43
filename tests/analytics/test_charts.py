"""The chart functions are pure: rows in, plotly.js figure (plain JSON) out."""

import json

import pytest

from analytics import charts


def test_heatmap_shows_suppressed_cells_as_grey_less_than_five_without_a_figure():
    rows = [
        {"unit": "Amt", "process": "hund", "readiness": 72.4, "suppressed": False},
        {"unit": "Team A", "process": "hund", "readiness": None, "suppressed": True},
    ]
    fig = charts.readiness_heatmap(rows, units=["Amt", "Team A"], processes=["hund"])
    heatmap = fig["data"][0]
    assert heatmap["type"] == "heatmap"
    assert heatmap["z"] == [[72.0], [None]]
    assert heatmap["text"] == [["72"], ["< 5"]]
    assert [(a["text"], a["x"], a["y"]) for a in fig["layout"]["annotations"]] == [
        ("< 5", "hund", "Team A")
    ]
    assert fig["layout"]["plot_bgcolor"] == charts.GREY
    # The figures are in the cells; a colour bar would need inline style attributes.
    assert heatmap["showscale"] is False


def test_barrier_profile_in_adkar_order_in_percent():
    fig = charts.barrier_profile(
        {"A": 0.1, "D": 0.0, "K": 0.2, "Ab": 0.4, "R": 0.0, "none": 0.3}, title="t"
    )
    bar = fig["data"][0]
    assert bar["y"] == [
        "Bewusstsein",
        "Wunsch",
        "Wissen",
        "Können",
        "Festigen",
        "keine Hürde",
    ]
    assert bar["x"] == pytest.approx([10, 0, 20, 40, 0, 30])
    assert bar["text"] == ["10 %", "0 %", "20 %", "40 %", "0 %", "30 %"]


def test_funnel_steps_from_scope_to_ready():
    fig = charts.readiness_funnel(
        {
            "in_scope": 20,
            "started": 15,
            "course_completed": 10,
            "sandbox_passed": 8,
            "ready": 5,
        },
        title="t",
    )
    assert fig["data"][0]["x"] == [20, 15, 10, 8, 5]
    assert fig["data"][0]["y"][0] == "im Geltungsbereich"


def test_adoption_curve_has_a_line_per_unit_and_the_target():
    fig = charts.adoption_curve(
        {
            "Bürgerbüro": [("2026-W47", 0.2), ("2026-W48", 0.35)],
            "Standesamt": [("2026-W46", 0.5), ("2026-W47", None)],
        },
        target=0.8,
        title="t",
    )
    office, registry, target = fig["data"]
    assert office["name"] == "Bürgerbüro" and office["y"] == pytest.approx([20, 35])
    assert registry["y"] == [50, None]
    # The target spans from the first to the last week of any unit.
    assert target["name"] == "Ziel"
    assert target["y"] == [80, 80] and target["x"] == ["2026-W46", "2026-W48"]


def test_adoption_curve_without_target_has_no_target_line():
    fig = charts.adoption_curve(
        {"Bürgerbüro": [("2026-W47", 0.2)]}, target=None, title="t"
    )
    assert [trace["name"] for trace in fig["data"]] == ["Bürgerbüro"]


def test_quadrant_places_units_by_readiness_and_adoption():
    fig = charts.readiness_adoption_quadrant(
        [{"label": "Standesamt · hund", "readiness": 85, "adoption": 0.1}],
        target=0.8,
        title="t",
    )
    assert fig["data"][0]["x"] == [85] and fig["data"][0]["y"] == pytest.approx([10])
    assert fig["data"][0]["text"] == ["Standesamt · hund"]
    assert any(
        "bereit, aber wenig genutzt" in a["text"] for a in fig["layout"]["annotations"]
    )
    # Dashed guides: "ready" from 75 on, and the initiative's target of 80 %.
    ready_from, target = fig["layout"]["shapes"]
    assert (ready_from["x0"], ready_from["x1"]) == (75, 75)
    assert (target["y0"], target["y1"]) == pytest.approx((80, 80))


def test_trend_keeps_gaps_where_a_day_was_suppressed():
    fig = charts.readiness_trend(
        [
            {"day": "2026-11-01", "readiness": 50.0, "ready_share": 0.2},
            {"day": "2026-11-02", "readiness": None, "ready_share": None},
        ],
        title="t",
    )
    assert fig["data"][0]["y"] == [50.0, None]
    assert fig["data"][1]["y"] == [20.0, None]


@pytest.mark.parametrize(
    "figure",
    [
        charts.readiness_heatmap([], units=[], processes=[]),
        charts.barrier_profile(None, title="t"),
        charts.readiness_funnel(None, title="t"),
        charts.adoption_curve({}, target=0.5, title="t"),
        charts.readiness_adoption_quadrant([], target=None, title="t"),
        charts.readiness_trend([], title="t"),
    ],
)
def test_every_figure_is_plain_json_with_data_and_layout(figure):
    # plotly.js takes exactly this; nothing but lists, dicts, strings and numbers.
    assert json.loads(json.dumps(figure)) == figure
    assert set(figure) == {"data", "layout"}
    assert figure["layout"]["title"]["text"]
