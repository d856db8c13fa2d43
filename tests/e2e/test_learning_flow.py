"""The demo employee works through the data-protection course in a real browser."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from demo.accounts import EMPLOYEE_USERNAME
from tests.support.browser import assert_no_horizontal_scroll, login, screenshot

pytestmark = pytest.mark.e2e

COURSE_SLUG = "datenschutz-im-digitalen-verfahren"


def _prepare(django_user_model):
    """Learning demo data, and the course's sandbox exercises passed for Erika.

    The sandbox has its own browser test; here its runs are played on the server.
    """
    from demo.learning import seed_learning
    from lms.selectors import content
    from tests.support.learning import sandbox_pass

    seed_learning()
    outline = next(
        o
        for o in map(content.course_outline, content.course_ids_live())
        if o.info.slug == COURSE_SLUG
    )
    erika = django_user_model.objects.get(username=EMPLOYEE_USERNAME)
    for exercise in outline.exercises:
        sandbox_pass(erika, exercise.process_id, exercise.case_id)
    return outline


def _answer(page, quiz, *, wrong: bool) -> None:
    for question in quiz.questions:
        name = f"q-{question.id}"
        if question.kind == "single":
            others = [o.id for o in question.options if o.id != question.correct]
            value = others[0] if wrong else question.correct
            page.check(f'input[name="{name}"][value="{value}"]')
        elif question.kind == "multiple":
            for option in question.options:
                box = page.locator(f'input[name="{name}"][value="{option.id}"]')
                box.set_checked(not wrong and option.id in question.correct)
        elif question.kind == "true_false":
            value = "true" if bool(question.correct) != wrong else "false"
            page.check(f'input[name="{name}"][value="{value}"]')
        elif question.kind == "ordering":
            order = list(reversed(question.correct)) if wrong else question.correct
            for position, option_id in enumerate(order, start=1):
                page.select_option(f'select[name="{name}-{option_id}"]', str(position))
        elif question.kind == "numeric":
            value = question.correct + 1000 if wrong else question.correct
            page.fill(f'input[name="{name}"]', str(value).replace(".", ","))


def _checks_done_on_server(outline, user) -> None:
    """Every quiz passed (answers from the key) and every acknowledgement given,
    through the services."""
    from lms.selectors import content
    from lms.services.progress import acknowledgement_give
    from lms.services.quizzes import quiz_attempt_submit

    for lesson_id, block_id in outline.acknowledgements:
        acknowledgement_give(user=user, lesson_id=lesson_id, block_id=block_id)
    for lesson_id, block_id in outline.quizzes:
        quiz = content.quiz_get(lesson_id=lesson_id, block_id=block_id)
        answers = {question.id: question.correct for question in quiz.questions}
        outcome = quiz_attempt_submit(
            user=user, lesson_id=lesson_id, block_id=block_id, answers=answers
        )
        assert outcome.attempt.passed


def _work_through(page, base_url, outline, name: str, *, answer: bool = True) -> None:
    from lms.selectors import content

    login(page, base_url, "employee")
    page.get_by_role("link", name=outline.info.title).first.click()
    page.wait_for_load_state()
    # "Kurs beginnen", or "Weiter mit Lektion …" once a lesson counts as done.
    page.locator("#kursfortschritt .button").first.click()
    page.wait_for_load_state()
    for lesson in outline.lessons:
        if not page.url.endswith(lesson.url):
            page.goto(base_url + lesson.url)
        for block_id in outline.quizzes_of_lesson(lesson.id) if answer else ():
            quiz = content.quiz_get(lesson_id=lesson.id, block_id=block_id)
            form = f'form[action$="/lernen/quiz/{lesson.id}/{block_id}/"]'
            _answer(page, quiz, wrong=True)
            page.locator(form).get_by_role("button").click()
            page.wait_for_load_state()
            assert page.get_by_text("noch nicht bestanden").first.is_visible()
            screenshot(page, f"{name}-quiz-wrong")
            _answer(page, quiz, wrong=False)
            page.locator(form).get_by_role("button").click()
            page.wait_for_load_state()
            assert page.get_by_text("Bestanden mit 100").first.is_visible()
        for block_id in outline.acknowledgements_of_lesson(lesson.id) if answer else ():
            page.check(f"#ack-confirm-{block_id}")
            page.get_by_role("button", name="Kenntnisnahme bestätigen").click()
            page.wait_for_load_state()
        assert_no_horizontal_scroll(page)
        # One primary action per lesson: "Weiter" (on the last, "Kurs abschließen").
        assert not page.get_by_text("Lektion als erledigt markieren").count()
        page.locator("#lektion-weiter form button").click()
        page.wait_for_load_state()
    # The last "Weiter" finished the course: its moment, with the certificate.
    assert page.get_by_role("heading", level=1).inner_text().startswith("Geschafft")
    assert page.get_by_text("Kurs abgeschlossen").first.is_visible()
    assert page.get_by_text("Gültig bis").is_visible()
    assert page.get_by_role("heading", name="Wie geht es weiter?").is_visible()
    assert_no_horizontal_scroll(page)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    screenshot(page, f"{name}-course-done")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Zertifikat herunterladen (PDF)").click()
    download = download_info.value
    path = download.path()
    with open(path, "rb") as handle:
        assert handle.read(4) == b"%PDF"
    page.goto(base_url + outline.info.url)
    assert page.get_by_text("Kurs abgeschlossen am").is_visible()
    page.goto(base_url + "/")
    assert page.get_by_text("abgeschlossen").first.is_visible()
    assert_no_horizontal_scroll(page)
    screenshot(page, f"{name}-home")


def test_employee_completes_data_protection_course(page, demo_site, django_user_model):
    outline = _prepare(django_user_model)
    _work_through(page, demo_site, outline, "learning-desktop")


def test_employee_reads_course_with_weiter_only_on_a_phone(
    phone_page, demo_site, django_user_model
):
    """Checks already done: reading on with "Weiter" alone finishes the course."""
    outline = _prepare(django_user_model)
    erika = django_user_model.objects.get(username=EMPLOYEE_USERNAME)
    _checks_done_on_server(outline, erika)
    _work_through(phone_page, demo_site, outline, "learning-phone", answer=False)


def _expect_answers_shown(page, quiz, *, wrong: bool) -> None:
    """The quiz form shows the answers `_answer` gave (its inverse, as a check)."""
    from playwright.sync_api import expect

    for question in quiz.questions:
        name = f"q-{question.id}"
        if question.kind == "single":
            others = [o.id for o in question.options if o.id != question.correct]
            value = others[0] if wrong else question.correct
            expect(
                page.locator(f'input[name="{name}"][value="{value}"]')
            ).to_be_checked()
        elif question.kind == "multiple":
            for option in question.options:
                box = page.locator(f'input[name="{name}"][value="{option.id}"]')
                expect(box).to_be_checked(
                    checked=not wrong and option.id in question.correct
                )
        elif question.kind == "true_false":
            value = "true" if bool(question.correct) != wrong else "false"
            expect(
                page.locator(f'input[name="{name}"][value="{value}"]')
            ).to_be_checked()
        elif question.kind == "ordering":
            order = list(reversed(question.correct)) if wrong else question.correct
            for position, option_id in enumerate(order, start=1):
                expect(
                    page.locator(f'select[name="{name}-{option_id}"]')
                ).to_have_value(str(position))
        elif question.kind == "numeric":
            value = question.correct + 1000 if wrong else question.correct
            expect(page.locator(f'input[name="{name}"]')).to_have_value(
                str(value).replace(".", ",")
            )


def test_quiz_retry_starts_from_the_learners_last_answers(
    page, demo_site, django_user_model
):
    """After "Antworten prüfen lassen" the form keeps the learner's own answers, so
    a retry changes only what was wrong."""
    from lms.models import QuizAttempt
    from lms.selectors import content

    outline = next(
        o
        for o in map(content.course_outline, content.course_ids_live())
        if o.info.slug == COURSE_SLUG
    )
    lesson_id, block_id = outline.quizzes[0]
    lesson = next(lesson for lesson in outline.lessons if lesson.id == lesson_id)
    quiz = content.quiz_get(lesson_id=lesson_id, block_id=block_id)
    form = page.locator(f'form[action$="/lernen/quiz/{lesson_id}/{block_id}/"]')

    login(page, demo_site, "employee")
    page.goto(demo_site + lesson.url)
    for wrong in (True, False):
        _answer(page, quiz, wrong=wrong)
        form.get_by_role("button").click()
        page.wait_for_load_state()
        assert page.get_by_text("Ihr Ergebnis").first.is_visible()
        _expect_answers_shown(page, quiz, wrong=wrong)
    screenshot(page, "quiz-retry-prefilled")
    # Someone who has not tried the quiz yet starts with an empty form.
    tried = QuizAttempt.objects.values_list("enrolment__user_id", flat=True)
    other = (
        django_user_model.objects.filter(
            is_active=True, staff__isnull=False, staff__left_on__isnull=True
        )
        .exclude(pk__in=tried)
        .first()
    )
    page.context.clear_cookies()
    login(page, demo_site, other.username)
    page.goto(demo_site + lesson.url)
    assert form.locator("input:checked").count() == 0
