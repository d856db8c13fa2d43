"""Quiz grading for every question kind, best attempt, double submission."""

import datetime as dt

import pytest
from django.http import QueryDict

from lms import roles
from lms.grading import answers_from_form, parse_number, quiz_grade
from lms.models import LearningEvent, LessonProgress, QuizAttempt
from lms.services.enrolments import LearningError
from lms.services.quizzes import quiz_attempt_submit
from tests.support.learning import (
    Q_MULTI,
    Q_NUM,
    Q_ORDER,
    Q_SINGLE,
    Q_TF,
    QUIZ_BLOCK,
)

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def quiz(catalogue):
    return catalogue.quiz()


@pytest.fixture
def right(catalogue):
    return catalogue.right_answers()


@pytest.fixture
def grade(quiz, right):
    def grade(changes=()):
        return quiz_grade(quiz, {**right, **dict(changes)}, pass_mark=80)

    return grade


def correct_of(result, qid):
    return next(f.correct for f in result.feedback if f.question_id == qid)


def swapped(right_order):
    """The right order with its first two steps swapped."""
    return [right_order[1], right_order[0], *right_order[2:]]


def shortened(right_order):
    """The right order without its last step."""
    return right_order[:2]


def test_all_right_scores_100_and_passes(grade):
    result = grade()
    assert (result.score, result.passed) == (100, True)
    assert all(f.explanation for f in result.feedback)


@pytest.mark.parametrize(
    "qid, wrong",
    [
        (Q_SINGLE, "1"),
        (Q_MULTI, ["0"]),
        (Q_MULTI, ["0", "1", "2"]),
        (Q_TF, True),
        (Q_ORDER, swapped),
        (Q_ORDER, shortened),
        (Q_NUM, 97),
        (Q_NUM, "abc"),
    ],
)
def test_each_kind_detects_a_wrong_answer(grade, right, qid, wrong):
    if callable(wrong):
        wrong = wrong(right[qid])
    result = grade({qid: wrong})
    assert not correct_of(result, qid)
    assert result.score == 80 and result.passed  # 4 of 5 still reaches 80 %


def test_multiple_choice_ignores_order_of_choices(grade):
    assert correct_of(grade({Q_MULTI: ["1", "0"]}), Q_MULTI)
    assert correct_of(grade({Q_MULTI: ["0", "1"]}), Q_MULTI)


def test_numeric_tolerance_and_german_decimal_comma(grade):
    assert correct_of(grade({Q_NUM: "96,4"}), Q_NUM)
    assert correct_of(grade({Q_NUM: 95.5}), Q_NUM)
    assert not correct_of(grade({Q_NUM: "95,49"}), Q_NUM)
    assert parse_number("1.234,50") == 1234.5
    assert parse_number("12.5") == 12.5


def test_missing_answers_count_as_wrong_and_below_pass_mark_fails(quiz):
    result = quiz_grade(quiz, {Q_SINGLE: "0", Q_TF: False}, pass_mark=80)
    assert (result.score, result.passed) == (40, False)


def test_option_feedback_for_the_chosen_option(grade):
    result = grade({Q_SINGLE: "1"})
    item = next(f for f in result.feedback if f.question_id == Q_SINGLE)
    assert item.option_feedback == ["Nein: Zweckbindung verbietet das."]


def test_form_fields_become_the_api_shape(quiz, right):
    data = QueryDict(mutable=True)
    data[f"q-{Q_SINGLE}"] = "0"
    data.setlist(f"q-{Q_MULTI}", ["0", "1"])
    data[f"q-{Q_TF}"] = "false"
    for position, option_id in enumerate(right[Q_ORDER], start=1):
        data[f"q-{Q_ORDER}-{option_id}"] = str(position)
    data[f"q-{Q_NUM}"] = "96,0"
    answers = answers_from_form(quiz, data)
    assert answers == {
        Q_SINGLE: "0",
        Q_MULTI: ["0", "1"],
        Q_TF: False,
        Q_ORDER: right[Q_ORDER],
        Q_NUM: "96,0",
    }
    assert quiz_grade(quiz, answers, pass_mark=80).score == 100


@pytest.fixture
def learner(catalogue, make_person):
    roles.sync_groups()
    return make_person()


@pytest.fixture
def submit(catalogue, learner):
    def submit(answers, *, block_id=QUIZ_BLOCK, now=NOW):
        return quiz_attempt_submit(
            user=learner,
            lesson_id=catalogue.quiz_lesson.id,
            block_id=block_id,
            answers=answers,
            now=now,
        )

    return submit


def test_attempt_is_stored_and_best_attempt_counts(catalogue, submit, right):
    wrong = {**right, Q_SINGLE: "1", Q_TF: True, Q_NUM: 1}
    first = submit(right)
    second = submit(wrong, now=NOW + dt.timedelta(minutes=5))
    assert first.attempt.passed and not second.attempt.passed
    assert second.best_score == 100
    assert second.attempt.number == 2
    assert second.attempt.answers == wrong
    # the lesson stays done: retries never hurt
    lesson_id = catalogue.quiz_lesson.id
    assert LessonProgress.objects.filter(lesson_id=lesson_id).count() == 1


def test_passing_the_quiz_marks_its_lesson_done_failing_does_not(
    catalogue, submit, right
):
    submit({Q_SINGLE: "1"})
    assert not LessonProgress.objects.exists()
    submit(right)
    assert LessonProgress.objects.filter(lesson_id=catalogue.quiz_lesson.id).exists()


def test_double_submission_records_one_attempt(submit, right):
    for _ in range(2):
        outcome = submit(right)
    assert outcome.duplicate
    assert QuizAttempt.objects.count() == 1
    assert LearningEvent.objects.filter(verb="attempted").count() == 1


def test_same_answers_later_is_a_new_attempt(submit, right):
    submit(right)
    submit(right, now=NOW + dt.timedelta(minutes=1))
    assert QuizAttempt.objects.count() == 2


def test_events_are_logged_xapi_shaped(catalogue, submit, right):
    submit(right)
    passed = LearningEvent.objects.get(verb="passed")
    statement = passed.as_xapi()
    assert statement["verb"]["id"].endswith("/passed")
    assert statement["result"] == {
        "score": {"scaled": 1.0, "raw": 100},
        "success": True,
    }
    quiz_urn = f"urn:lotse:quiz:{catalogue.quiz_lesson.id}/{QUIZ_BLOCK}"
    assert statement["object"]["id"] == quiz_urn


def test_unknown_quiz_and_malformed_answers_are_rejected(submit, right):
    with pytest.raises(LearningError):
        submit(right, block_id="nope", now=None)
    with pytest.raises(LearningError) as error:
        submit({Q_MULTI: "0", "q-x": 1}, now=None)
    assert set(error.value.message_dict) == {Q_MULTI, "q-x"}
    assert not QuizAttempt.objects.exists()
