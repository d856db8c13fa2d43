"""Quiz pages never carry the answer key; form field names match the selector's key."""

import re

import pytest

from courses import selectors
from courses.models import LessonPage
from tests.support.courses import (
    NUMERIC_ANSWER,
    ORDERED_ITEMS,
    Q_MULTIPLE,
    Q_NUMERIC,
    Q_ORDERING,
    Q_SINGLE,
    Q_TRUE_FALSE,
    QUIZ_ID,
    SECRET_EXPLANATION,
    SECRET_FEEDBACK,
)


@pytest.fixture
def quiz_lesson(course):
    return LessonPage.objects.child_of(course).get(slug="lektion-2")


@pytest.fixture
def quiz_html(quiz_lesson, employee_client):
    response = employee_client.get(quiz_lesson.url)
    assert response.status_code == 200
    return response.content.decode()


def test_quiz_page_html_contains_no_answer_key(quiz_html):
    assert "Wer prüft die Rasse?" in quiz_html  # the quiz is there ...
    assert SECRET_FEEDBACK not in quiz_html  # ... but no feedback,
    assert SECRET_EXPLANATION not in quiz_html  # no explanation,
    assert NUMERIC_ANSWER not in quiz_html and "4711,25" not in quiz_html  # no number,
    form = quiz_html[quiz_html.index('<form method="post" action="') :]
    form = form[: form.index("</form>")]
    assert " checked" not in form and " selected" not in form  # nothing preset,
    assert "correct" not in form.lower() and "data-" not in form  # and no flag.


def test_quiz_field_names_follow_the_grading_contract(quiz_html):
    quiz = selectors.quiz_get(page_id=_page_id(quiz_html), block_id=QUIZ_ID)
    names = set(re.findall(r'name="(q-[^"]+)"', quiz_html))
    expected = {
        f"q-{Q_SINGLE}",
        f"q-{Q_MULTIPLE}",
        f"q-{Q_TRUE_FALSE}",
        f"q-{Q_NUMERIC}",
    }
    expected |= {f"q-{Q_ORDERING}-{option.id}" for option in quiz.questions[3].options}
    assert names == expected
    assert re.findall(
        rf'type="radio" id="[^"]+" name="q-{Q_SINGLE}" value="(\d)"', quiz_html
    ) == ["0", "1"]
    assert re.findall(rf'name="q-{Q_MULTIPLE}" value="(\d)"', quiz_html) == [
        "0",
        "1",
        "2",
    ]
    assert re.findall(rf'name="q-{Q_TRUE_FALSE}" value="(\w+)"', quiz_html) == [
        "true",
        "false",
    ]
    assert (
        f'type="text" inputmode="decimal" autocomplete="off" id="q-{Q_NUMERIC}"'
        in quiz_html
    )


def test_ordering_items_are_shuffled_and_never_in_the_correct_order(quiz_html):
    shown = re.findall(
        r'<label for="q-' + Q_ORDERING + r'-\d">([^<]+)</label>', quiz_html
    )
    assert sorted(shown) == sorted(ORDERED_ITEMS)
    assert shown != ORDERED_ITEMS
    positions = re.findall(r'<option value="(\d)">', quiz_html)
    assert positions[:4] == ["1", "2", "3", "4"]


def test_quiz_get_returns_the_answer_key_for_each_kind(quiz_lesson):
    quiz = selectors.quiz_get(page_id=quiz_lesson.pk, block_id=QUIZ_ID)
    assert quiz.title == "Testquiz"
    single, multiple, true_false, ordering, numeric = quiz.questions
    assert [q.kind for q in quiz.questions] == [
        "single",
        "multiple",
        "true_false",
        "ordering",
        "numeric",
    ]
    assert single.id == Q_SINGLE and single.correct == "1"
    assert [o.id for o in single.options] == ["0", "1"]
    assert multiple.correct == ["0", "2"]
    assert true_false.correct is False
    assert [o.id for o in true_false.options] == ["true", "false"]
    assert (
        numeric.correct == 4711.25 and numeric.tolerance == 0.5 and numeric.unit == "€"
    )
    by_id = {option.id: option.text for option in ordering.options}
    assert [by_id[option_id] for option_id in ordering.correct] == ORDERED_ITEMS


def test_quiz_get_sanitises_feedback_and_explanations(quiz_lesson):
    quiz = selectors.quiz_get(page_id=quiz_lesson.pk, block_id=QUIZ_ID)
    feedback = quiz.questions[0].options[1].feedback
    assert "<script" not in feedback
    assert '<a href="https://www.musterstadt.de/hunde"' in feedback
    assert 'rel="noopener noreferrer"' in feedback
    explanation = quiz.questions[0].explanation
    assert "<b" not in explanation and "onmouseover" not in explanation.split("&lt;")[0]
    assert "&lt;b onmouseover=x&gt;" in explanation  # plain text stays text


def test_quiz_get_is_none_for_unknown_quiz_or_unpublished_lesson(quiz_lesson):
    assert selectors.quiz_get(page_id=quiz_lesson.pk, block_id="nicht-da") is None
    quiz_lesson.unpublish()
    assert selectors.quiz_get(page_id=quiz_lesson.pk, block_id=QUIZ_ID) is None


def test_quiz_get_costs_one_query(quiz_lesson, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        assert selectors.quiz_get(page_id=quiz_lesson.pk, block_id=QUIZ_ID) is not None


def _page_id(html: str) -> int:
    return LessonPage.objects.get(slug="lektion-2").pk
