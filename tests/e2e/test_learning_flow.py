"""The demo employee works through the data-protection course in a real browser."""

import pytest

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


def _work_through(page, base_url, outline, name: str) -> None:
    from lms.selectors import content

    login(page, base_url, "employee")
    page.get_by_role("link", name=outline.info.title).first.click()
    page.wait_for_load_state()
    page.locator("#kursfortschritt").get_by_text("Kurs beginnen").click()
    page.wait_for_load_state()
    for index, lesson in enumerate(outline.lessons):
        if not page.url.endswith(lesson.url):
            page.goto(base_url + lesson.url)
        for block_id in outline.quizzes_of_lesson(lesson.id):
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
        for block_id in outline.acknowledgements_of_lesson(lesson.id):
            page.check(f"#ack-confirm-{block_id}")
            page.get_by_role("button", name="Kenntnisnahme bestätigen").click()
            page.wait_for_load_state()
        assert_no_horizontal_scroll(page)
        done_button = page.get_by_role("button", name="Lektion als erledigt markieren")
        if done_button.count():
            done_button.click()
            page.wait_for_load_state()
        elif index + 1 < len(outline.lessons):
            page.goto(base_url + outline.lessons[index + 1].url)
    page.goto(base_url + outline.info.url)
    assert page.get_by_text("Kurs abgeschlossen am").is_visible()
    screenshot(page, f"{name}-course-done")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Zertifikat herunterladen (PDF)").click()
    download = download_info.value
    path = download.path()
    with open(path, "rb") as handle:
        assert handle.read(4) == b"%PDF"
    page.goto(base_url + "/")
    assert page.get_by_text("abgeschlossen").first.is_visible()
    assert_no_horizontal_scroll(page)
    screenshot(page, f"{name}-home")


def test_employee_completes_data_protection_course(page, demo_site, django_user_model):
    outline = _prepare(django_user_model)
    _work_through(page, demo_site, outline, "learning-desktop")


def test_employee_completes_course_on_a_phone(phone_page, demo_site, django_user_model):
    outline = _prepare(django_user_model)
    _work_through(phone_page, demo_site, outline, "learning-phone")
