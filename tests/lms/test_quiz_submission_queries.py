"""A quiz submission (the form's POST and the lesson page it redirects to) costs
the same queries however much history there is, grades from the cached quiz, and
renders the page's menu once (bench/README.md, fourth round)."""

import datetime as dt
import re

from django.db import connection
from django.urls import reverse
from django.utils import timezone

from lms import navigation
from lms.grading import form_values_from_answers
from lms.services.quizzes import quiz_attempt_submit
from tests.lms.test_page_queries import _grow
from tests.support.learning import Q_NUM, Q_SINGLE


def _submit(client, catalogue, answers: dict) -> tuple[list[str], list[str], str]:
    """Post the quiz form, follow the redirect: the queries of each, and the page."""
    url = reverse(
        "learning:quiz_submit",
        args=[catalogue.quiz_lesson.id, catalogue.quiz_block_id],
    )
    form = form_values_from_answers(catalogue.quiz(), answers)
    queries: list[str] = []

    def record(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    # Not CaptureQueriesContext: request_started empties the connection's log.
    with connection.execute_wrapper(record):
        response = client.post(url, form)
    post = list(queries)
    queries.clear()
    assert response.status_code == 302
    with connection.execute_wrapper(record):
        page = client.get(response["Location"])
    assert page.status_code == 200
    return post, list(queries), page.content.decode()


def _wrong(catalogue) -> dict:
    return {**catalogue.right_answers(), Q_SINGLE: "1", Q_NUM: 1}


def _counts(client, catalogue) -> dict:
    counts = {}
    for name, answers in (
        ("failed", _wrong(catalogue)),
        ("passed", catalogue.right_answers()),
    ):
        post, get, _html = _submit(client, catalogue, answers)
        counts[name] = (len(post), len(get))
    return counts


def _attempts(catalogue, user, count: int) -> None:
    """Earlier attempts, a minute apart (none of them a double click)."""
    start = timezone.now() - dt.timedelta(days=1)
    for number in range(count):
        quiz_attempt_submit(
            user=user,
            lesson_id=catalogue.quiz_lesson.id,
            block_id=catalogue.quiz_block_id,
            answers=_wrong(catalogue) if number % 2 else catalogue.right_answers(),
            now=start + dt.timedelta(minutes=number),
        )


def test_a_quiz_submission_keeps_its_query_count_as_history_grows(
    catalogue, make_person, client
):
    catalogue.sandbox_upload()
    user = make_person(username="lernende")
    client.force_login(user)
    client.get(catalogue.quiz_lesson.url)  # warm the shared caches
    _attempts(catalogue, user, 2)
    small = _counts(client, catalogue)

    _attempts(catalogue, user, 20)
    _grow(catalogue, user, courses=3)
    client.get(catalogue.quiz_lesson.url)
    large = _counts(client, catalogue)

    assert large == small
    # A passed quiz reads the enrolment's state once for the lesson, the course
    # and the best score (it read the lesson's quizzes, acknowledgements and
    # progress again before, and the best score separately).
    post_failed, _get = large["failed"]
    post_passed, _get = large["passed"]
    assert post_passed <= post_failed + 2, large
    assert post_passed <= 13, large


def test_a_quiz_submission_grades_from_the_cached_quiz(catalogue, make_person, client):
    client.force_login(make_person(username="lernende"))
    client.get(catalogue.quiz_lesson.url)
    post, get, _html = _submit(client, catalogue, catalogue.right_answers())
    post, get, _html = _submit(client, catalogue, _wrong(catalogue))
    # Grading does not read (and parse) the lesson's body, and the page reads it
    # once, for itself, not again for the quiz's result.
    lesson = 'FROM "courses_lessonpage"'
    assert not [sql for sql in post if lesson in sql]
    assert len([sql for sql in get if lesson in sql]) == 1


def test_the_learner_tags_neither_run_the_menu_again_nor_lose_the_csrf_token(
    catalogue, make_person, client, monkeypatch
):
    calls = []
    entries_for = navigation.entries_for

    def counting(*args, **kwargs):
        calls.append(args)
        return entries_for(*args, **kwargs)

    monkeypatch.setattr(navigation, "entries_for", counting)
    client.force_login(make_person(username="lernende"))
    _post, _get, html = _submit(client, catalogue, catalogue.right_answers())
    # The page's context processors ran once, not once more per learner tag
    # (progress, actions, quiz result).
    assert len(calls) == 1
    forms = re.findall(r'<form method="post".*?</form>', html, re.S)
    assert len(forms) >= 2  # the quiz and "Weiter"
    for form in forms:
        assert re.search(r'name="csrfmiddlewaretoken" value="\w+"', form), form[:200]
