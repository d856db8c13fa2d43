"""Quiz grading for every question kind, best attempt, double submission."""

import datetime as dt

import pytest
from django.http import QueryDict

from lms import roles
from lms.models import LearningEvent, LessonProgress, QuizAttempt
from lms.services import LearningError, quiz_attempt_submit
from lms.services.grading import answers_from_form, parse_number, quiz_grade
from tests.lms.learning_support import (
    QUIZ,
    QUIZ_BLOCK,
    QUIZ_LESSON,
    RIGHT,
    catalogue_fixture,  # noqa: F401
)

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def grade(**changes):
    answers = {**RIGHT, **changes}
    return quiz_grade(QUIZ, answers, pass_mark=80)


def correct_of(result, qid):
    return next(f.correct for f in result.feedback if f.question_id == qid)


def test_all_right_scores_100_and_passes():
    result = grade()
    assert (result.score, result.passed) == (100, True)
    assert all(f.explanation for f in result.feedback)


@pytest.mark.parametrize(
    "qid, wrong",
    [
        ("q-single", "1"),
        ("q-multi", ["0"]),
        ("q-multi", ["0", "1", "2"]),
        ("q-tf", True),
        ("q-order", ["1", "0", "2"]),
        ("q-order", ["0", "1"]),
        ("q-num", 97),
        ("q-num", "abc"),
    ],
)
def test_each_kind_detects_a_wrong_answer(qid, wrong):
    result = grade(**{qid: wrong})
    assert not correct_of(result, qid)
    assert result.score == 80 and result.passed  # 4 of 5 still reaches 80 %


def test_multiple_choice_ignores_order_of_choices():
    assert correct_of(grade(**{"q-multi": ["1", "0"]}), "q-multi")


def test_numeric_tolerance_and_german_decimal_comma():
    assert correct_of(grade(**{"q-num": "96,4"}), "q-num")
    assert correct_of(grade(**{"q-num": 95.5}), "q-num")
    assert not correct_of(grade(**{"q-num": "95,49"}), "q-num")
    assert parse_number("1.234,50") == 1234.5
    assert parse_number("12.5") == 12.5


def test_missing_answers_count_as_wrong_and_below_pass_mark_fails():
    result = quiz_grade(QUIZ, {"q-single": "0", "q-tf": False}, pass_mark=80)
    assert (result.score, result.passed) == (40, False)


def test_option_feedback_for_the_chosen_option():
    result = grade(**{"q-single": "1"})
    item = next(f for f in result.feedback if f.question_id == "q-single")
    assert item.option_feedback == ["Nein: Zweckbindung verbietet das."]


def test_form_fields_become_the_api_shape():
    data = QueryDict(mutable=True)
    data["q-q-single"] = "0"
    data.setlist("q-q-multi", ["0", "1"])
    data["q-q-tf"] = "false"
    data.update({"q-q-order-0": "1", "q-q-order-1": "2", "q-q-order-2": "3"})
    data["q-q-num"] = "96,0"
    answers = answers_from_form(QUIZ, data)
    assert answers == {
        "q-single": "0",
        "q-multi": ["0", "1"],
        "q-tf": False,
        "q-order": ["0", "1", "2"],
        "q-num": "96,0",
    }
    assert quiz_grade(QUIZ, answers, pass_mark=80).score == 100


@pytest.fixture
def learner(catalogue, make_person):
    roles.sync_groups()
    return make_person()


def test_attempt_is_stored_and_best_attempt_counts(learner):
    wrong = {**RIGHT, "q-single": "1", "q-tf": True, "q-num": 1}
    first = quiz_attempt_submit(
        user=learner, lesson_id=QUIZ_LESSON, block_id=QUIZ_BLOCK, answers=RIGHT, now=NOW
    )
    second = quiz_attempt_submit(
        user=learner,
        lesson_id=QUIZ_LESSON,
        block_id=QUIZ_BLOCK,
        answers=wrong,
        now=NOW + dt.timedelta(minutes=5),
    )
    assert first.attempt.passed and not second.attempt.passed
    assert second.best_score == 100
    assert second.attempt.number == 2
    assert second.attempt.answers == wrong
    # the lesson stays done: retries never hurt
    assert LessonProgress.objects.filter(lesson_id=QUIZ_LESSON).count() == 1


def test_passing_the_quiz_marks_its_lesson_done_failing_does_not(learner):
    quiz_attempt_submit(
        user=learner,
        lesson_id=QUIZ_LESSON,
        block_id=QUIZ_BLOCK,
        answers={"q-single": "1"},
        now=NOW,
    )
    assert not LessonProgress.objects.exists()
    quiz_attempt_submit(
        user=learner, lesson_id=QUIZ_LESSON, block_id=QUIZ_BLOCK, answers=RIGHT, now=NOW
    )
    assert LessonProgress.objects.filter(lesson_id=QUIZ_LESSON).exists()


def test_double_submission_records_one_attempt(learner):
    for _ in range(2):
        outcome = quiz_attempt_submit(
            user=learner,
            lesson_id=QUIZ_LESSON,
            block_id=QUIZ_BLOCK,
            answers=RIGHT,
            now=NOW,
        )
    assert outcome.duplicate
    assert QuizAttempt.objects.count() == 1
    assert LearningEvent.objects.filter(verb="attempted").count() == 1


def test_same_answers_later_is_a_new_attempt(learner):
    quiz_attempt_submit(
        user=learner, lesson_id=QUIZ_LESSON, block_id=QUIZ_BLOCK, answers=RIGHT, now=NOW
    )
    quiz_attempt_submit(
        user=learner,
        lesson_id=QUIZ_LESSON,
        block_id=QUIZ_BLOCK,
        answers=RIGHT,
        now=NOW + dt.timedelta(minutes=1),
    )
    assert QuizAttempt.objects.count() == 2


def test_events_are_logged_xapi_shaped(learner):
    quiz_attempt_submit(
        user=learner, lesson_id=QUIZ_LESSON, block_id=QUIZ_BLOCK, answers=RIGHT, now=NOW
    )
    passed = LearningEvent.objects.get(verb="passed")
    statement = passed.as_xapi()
    assert statement["verb"]["id"].endswith("/passed")
    assert statement["result"] == {
        "score": {"scaled": 1.0, "raw": 100},
        "success": True,
    }
    assert statement["object"]["id"] == f"urn:lotse:quiz:{QUIZ_LESSON}/{QUIZ_BLOCK}"


def test_unknown_quiz_and_malformed_answers_are_rejected(learner):
    with pytest.raises(LearningError):
        quiz_attempt_submit(
            user=learner, lesson_id=QUIZ_LESSON, block_id="nope", answers=RIGHT
        )
    with pytest.raises(LearningError) as error:
        quiz_attempt_submit(
            user=learner,
            lesson_id=QUIZ_LESSON,
            block_id=QUIZ_BLOCK,
            answers={"q-multi": "0", "q-x": 1},
        )
    assert set(error.value.message_dict) == {"q-multi", "q-x"}
    assert not QuizAttempt.objects.exists()
