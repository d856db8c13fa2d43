"""A trainer authors in Lotse's editing room: picks a sandbox process and case from
lists in the exercise block, and imports quiz questions from a GIFT file (issue 11)."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from courses.models import CoursePage, LessonPage
from tests.support.browser import add_block, login, screenshot

pytestmark = pytest.mark.e2e


def serious_violations(page) -> list:
    results = Axe().run(page)
    return [
        violation["id"]
        for violation in results.response["violations"]
        if violation.get("impact") in ("serious", "critical")
    ]


def _new_lesson(page, demo_site, title: str, slug: str) -> None:
    course = CoursePage.objects.get(slug="hund-anmelden-digital")
    page.goto(f"{demo_site}/cms/pages/add/courses/lessonpage/{course.pk}/")
    page.get_by_placeholder("Seitentitel*").fill(title)
    page.get_by_role("tab", name="Veröffentlichung").click()
    page.locator("#id_slug").fill(slug)
    page.get_by_role("tab", name="Inhalt").click()


def test_trainer_picks_a_process_and_case_in_the_exercise_chooser(
    page, demo_site, settings
):
    # Wagtail's autosave of a new page would race the explicit save below (and,
    # on a busy machine, sometimes never land): this test saves by hand.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    login(page, demo_site, "trainer")
    page.goto(f"{demo_site}/cms/")
    assert serious_violations(page) == []  # the Lotse dashboard
    _new_lesson(page, demo_site, "Übung: Erstanmeldung", "uebung-erstanmeldung")
    body = page.locator("#panel-child-inhalt-body-section")
    add_block(page, body.locator(".c-sf-add-button").first, "Übung im Übungsraum")
    process = page.locator("#body-0-value-process_id")
    assert (
        "Hund anmelden (hund_anmelden)" in process.inner_text()
    )  # a list, not a text box
    process.select_option(label="Hund anmelden (hund_anmelden)")
    # The case list now offers only the cases of that process.
    offered = page.evaluate(
        "[...document.querySelectorAll('#body-0-value-case_id optgroup')]"
        ".filter(group => !group.hidden).map(group => group.label)"
    )
    assert offered == ["Hund anmelden"]
    page.locator("#body-0-value-case_id").select_option(label="Erstanmeldung Labrador")
    screenshot(page, "authoring-exercise-chooser")

    # A new single-choice question starts with two answer fields.
    add_block(page, body.locator(".c-sf-add-button").last, "Quiz")
    questions = body.locator("[data-contentpath='questions']").last
    add_block(page, questions.locator(".c-sf-add-button").first, "Einfachauswahl")
    answers = page.locator(
        "input[id^='body-1-value-questions-0-value-options-'][id$='-value-text']"
    )
    answers.first.wait_for()
    assert answers.count() == 2
    with page.expect_navigation(url=re.compile(r"/cms/pages/\d+/edit/")):
        page.get_by_role("button", name="Entwurf speichern").click()

    # The saved page, by the id its edit address names (on a busy machine Wagtail's
    # slug sync from the title may still overwrite the slug typed after it).
    lesson = LessonPage.objects.get(pk=re.search(r"/pages/(\d+)/edit/", page.url)[1])
    assert lesson.title == "Übung: Erstanmeldung"
    body = lesson.get_latest_revision_as_object().body
    exercise = next(block for block in body if block.block_type == "sandbox_exercise")
    assert exercise.value["process_id"] == "hund_anmelden"
    assert exercise.value["case_id"] == "labrador"


BROKEN_GIFT = """// eine gute, eine kaputte Frage
Wer setzt die Hundesteuer fest?{=Die Steuerstelle ~Das Ordnungsamt}

::Ohne richtige Antwort::Welche Farbe hat das Formular?{~Rot ~Blau}
"""

GOOD_GIFT = """// Hundesteuer
::Zuständigkeit::Wer prüft, ob ein Hund als gefährlich gilt?{
  =Das Ordnungsamt#Richtig.
  ~Die Steuerstelle#Sie setzt nur die Steuer fest.
}

Die Steuerstelle sieht die ganze Akte.{FALSE}

Wie viel Euro kostet der erste Hund im Jahr?{#96}
"""


def _question_count(lesson) -> int:
    fresh = LessonPage.objects.get(pk=lesson.pk)
    body = fresh.get_latest_revision_as_object().body
    return sum(
        len(block.value["questions"]) for block in body if block.block_type == "quiz"
    )


def test_trainer_imports_quiz_questions_from_a_gift_file(page, demo_site, tmp_path):
    lesson = LessonPage.objects.get(slug="hundesteuer-und-datenuebergabe")
    before = _question_count(lesson)
    login(page, demo_site, "trainer")
    page.goto(f"{demo_site}/cms/pages/{lesson.pk}/edit/")
    page.locator("#w-slim-header-buttons").get_by_role(
        "button", name="Aktionen"
    ).click()
    page.get_by_role("link", name="Quizfragen importieren").click()
    page.wait_for_url(re.compile(r"/quizfragen-import/"))
    assert page.get_by_role("heading", name="Quizfragen importieren").is_visible()
    assert serious_violations(page) == []

    broken = tmp_path / "kaputt.gift"
    broken.write_text(BROKEN_GIFT, encoding="utf-8")
    page.get_by_label("Datei mit Fragen").set_input_files(str(broken))
    page.get_by_label("Format").select_option("gift")
    page.get_by_role("button", name="Fragen prüfen und übernehmen").click()
    errors = page.get_by_test_id("import-errors")
    errors.wait_for()
    assert "Nichts wurde übernommen" in errors.inner_text()
    assert "Frage 2 („Welche Farbe hat das Formular?“)" in errors.inner_text()
    assert _question_count(lesson) == before  # nothing imported
    assert serious_violations(page) == []
    screenshot(page, "authoring-gift-errors")

    good = tmp_path / "hundesteuer.gift"
    good.write_text(GOOD_GIFT, encoding="utf-8")
    page.get_by_label("Datei mit Fragen").set_input_files(str(good))
    page.get_by_label("Format").select_option("gift")
    page.get_by_role("button", name="Fragen prüfen und übernehmen").click()
    page.wait_for_url(re.compile(rf"/cms/pages/{lesson.pk}/edit/"))
    assert page.get_by_text("3 Fragen wurden übernommen").first.is_visible()
    assert _question_count(lesson) == before + 3
    screenshot(page, "authoring-gift-imported")
