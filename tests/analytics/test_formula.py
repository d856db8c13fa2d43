"""Readiness formula v1 on hand-made cases (no database)."""

import datetime as dt

import pytest

from analytics import formula
from analytics.formula import Components, evaluate

TODAY = dt.date(2026, 11, 30)


def test_survey_scale_maps_one_to_five_onto_zero_to_one():
    assert [formula.survey_scale(x) for x in (1, 2, 3, 4, 5)] == [0, 0.25, 0.5, 0.75, 1]
    assert formula.survey_scale(None) is None


def test_quiz_component_is_capped_per_quiz_and_counts_missing_as_zero():
    # 90/80 caps at 1, 40/80 = 0.5, a quiz not taken counts 0.
    assert formula.quiz_component([90, 40, None], 80) == pytest.approx(0.5)
    assert formula.quiz_component([], 80) is None


def test_sandbox_component_counts_clean_runs_of_the_last_three():
    assert [formula.sandbox_component(n) for n in (0, 1, 2, 3)] == pytest.approx(
        [0, 1 / 3, 2 / 3, 1]
    )


def test_freshness_is_one_while_valid_then_falls_over_ninety_days():
    valid = TODAY + dt.timedelta(days=10)
    assert formula.freshness_component(valid, certified=True, today=TODAY) == 1
    assert formula.freshness_component(None, certified=True, today=TODAY) == 1
    expired_45 = TODAY - dt.timedelta(days=45)
    assert formula.freshness_component(expired_45, certified=True, today=TODAY) == 0.5
    expired_120 = TODAY - dt.timedelta(days=120)
    assert formula.freshness_component(expired_120, certified=True, today=TODAY) == 0
    assert formula.freshness_component(None, certified=False, today=TODAY) == 0


def test_every_element_weighted_with_a_full_survey():
    result = evaluate(
        Components(
            completion=1.0,
            assessment=0.5,
            sandbox=2 / 3,
            freshness=1.0,
            survey_a=1.0,
            survey_d=0.75,
            survey_r=0.5,
        )
    )
    assert result.evidence == pytest.approx(
        {"A": 1.0, "D": 0.75, "K": 0.65, "Ab": 2 / 3, "R": 0.75}
    )
    expected = 100 * (0.15 * 1 + 0.15 * 0.75 + 0.25 * 0.65 + 0.30 * 2 / 3 + 0.15 * 0.75)
    assert result.readiness == pytest.approx(expected)  # weights add up to 1


def test_missing_survey_drops_the_weights_instead_of_counting_zero():
    result = evaluate(
        Components(completion=1.0, assessment=1.0, sandbox=1.0, freshness=1.0)
    )
    assert set(result.evidence) == {"K", "Ab", "R"}
    assert result.evidence["R"] == 1.0  # E_R = F without a survey answer
    assert result.readiness == pytest.approx(100)
    assert result.ready


def test_knowledge_without_quizzes_is_the_completion_share():
    result = evaluate(
        Components(completion=0.8, assessment=None, sandbox=1, freshness=1)
    )
    assert result.evidence["K"] == pytest.approx(0.8)


def test_barrier_point_is_the_first_element_at_or_below_one_half():
    result = evaluate(
        Components(
            completion=0.0,  # K = 0.7 * A = 0.7
            assessment=1.0,
            sandbox=0.0,  # Ab = 0 → barrier ... but D comes first
            freshness=1.0,
            survey_a=1.0,
            survey_d=0.5,  # exactly 0.5 counts as a barrier
            survey_r=1.0,
        )
    )
    assert result.barrier == "D"
    assert not result.ready


def test_ability_barrier_when_the_sandbox_was_not_practised():
    result = evaluate(
        Components(
            completion=1,
            assessment=1,
            sandbox=1 / 3,
            freshness=1,
            survey_a=1,
            survey_d=1,
            survey_r=1,
        )
    )
    assert result.barrier == "Ab"
    assert result.readiness == pytest.approx(100 * (1 - 0.30 * 2 / 3))  # 80
    assert result.readiness >= 75
    assert not result.ready  # above 75 but with a barrier point


def test_ready_needs_seventy_five_points_and_no_barrier():
    just = evaluate(
        Components(
            completion=1,
            assessment=0.6,
            sandbox=2 / 3,
            freshness=1,
            survey_a=0.75,
            survey_d=0.75,
            survey_r=0.75,
        )
    )
    assert just.barrier == ""
    assert just.readiness == pytest.approx(
        100 * (0.15 * 0.75 + 0.15 * 0.75 + 0.25 * 0.72 + 0.30 * 2 / 3 + 0.15 * 0.875)
    )
    assert just.ready == (just.readiness >= 75)
    low = evaluate(
        Components(
            completion=0.6,
            assessment=0.6,
            sandbox=2 / 3,
            freshness=0.6,
            survey_a=0.75,
            survey_d=0.75,
            survey_r=0.75,
        )
    )
    assert low.barrier == ""
    assert low.readiness < 75
    assert not low.ready


def test_formula_has_a_version():
    assert formula.FORMULA_VERSION == "1"
