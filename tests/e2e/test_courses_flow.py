"""A trainer writes a lesson in the Wagtail admin and submits it, the lead trainer
approves it, an employee reads it (issue 3)."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from courses.models import CoursePage, LessonPage
from demo.accounts import LEAD_TRAINER_USERNAME
from tests.support.browser import add_block, login, screenshot

pytestmark = pytest.mark.e2e

TITLE = "Online-Anmeldung im Posteingang"
SLUG = "online-anmeldung-im-posteingang"
STEP = "Öffnen Sie den Posteingang des Fachverfahrens."
STATEMENT = "Die Steuerstelle erhält die Telefonnummer der Halterin."


def _new_page(browser):
    context = browser.new_context(
        locale="de-DE", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def test_trainer_submits_lead_approves_employee_reads(
    page, browser, demo_site, settings
):
    # Submitted by hand from the new page: Wagtail's autosave would race it.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    course = CoursePage.objects.get(slug="hund-anmelden-digital")

    # The trainer writes the lesson: a step-by-step guide and a quiz.
    login(page, demo_site, "trainer")
    page.goto(f"{demo_site}/cms/pages/add/courses/lessonpage/{course.pk}/")
    page.get_by_placeholder("Seitentitel*").fill(TITLE)
    body = page.locator("#panel-child-inhalt-body-section")
    add_block(
        page, body.locator(".c-sf-add-button").first, "Schritt-für-Schritt-Anleitung"
    )
    body.locator("[contenteditable='true']").first.click()
    page.keyboard.type(STEP)
    add_block(page, body.locator(".c-sf-add-button").last, "Quiz")
    questions = body.locator("[data-contentpath='questions']").last
    add_block(page, questions.locator(".c-sf-add-button").first, "Richtig oder falsch")
    page.locator("#body-1-value-questions-0-value-text").fill(STATEMENT)
    page.locator("#body-1-value-questions-0-value-correct").select_option("false")
    add_block(page, questions.locator(".c-sf-add-button").last, "Zahl")
    page.locator("#body-1-value-questions-1-value-text").fill(
        "Wie viel Hundesteuer kostet der erste Hund im Jahr?"
    )
    page.locator("#body-1-value-questions-1-value-answer").fill("96")
    page.get_by_role("tab", name="Veröffentlichung").click()
    page.locator("#id_slug").fill(SLUG)
    page.get_by_role("tab", name="Inhalt").click()
    screenshot(page, "courses-trainer-writes-lesson")
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    with page.expect_navigation(url=re.compile(r"/cms/pages/\d+/")):  # the course
        page.get_by_role("button", name="Zur redaktionellen Prüfung einreichen").click()

    lesson = LessonPage.objects.get(slug=SLUG)
    assert not lesson.live
    assert lesson.workflow_in_progress

    # The lead trainer sees it waiting for review and approves it.
    lead = _new_page(browser)
    login(lead, demo_site, LEAD_TRAINER_USERNAME)
    lead.goto(f"{demo_site}/")  # Lotse's start page lists what waits for review
    reviews = lead.get_by_role("region", name="Wartet auf Ihre Prüfung")
    assert reviews.get_by_role("link", name=TITLE).is_visible()
    results = Axe().run(lead)
    assert not [
        v["id"]
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ], results.generate_report()
    lead.goto(f"{demo_site}/cms/")
    assert lead.get_by_text(TITLE).first.is_visible()
    lead.goto(f"{demo_site}/cms/pages/{lesson.pk}/edit/")
    footer = lead.locator("footer")
    assert footer.get_by_role("button", name="Veröffentlichen", exact=True).count() == 0
    lead.locator("footer [data-w-dropdown-target='toggle']").last.click()
    lead.get_by_role("button", name="Auswirkungen ansehen und freigeben").click()
    # Before approving, the lead trainer sees what publishing changes for learners.
    impact = lead.get_by_test_id("publish-impact")
    impact.wait_for()
    text = impact.inner_text()
    assert "Was die Freigabe für Lernende ändert" in text
    assert re.search(r"\d+ Personen? (hat|haben) den Kurs abgeschlossen", text)
    assert "Ihr Abschluss und ihr Zertifikat bleiben gültig" in text
    assert re.search(r"\d+ Personen? (ist|sind) mitten im Kurs", text)
    screenshot(lead, "courses-approver-sees-impact")
    lead.get_by_role("button", name="Freigeben und veröffentlichen").click()
    for _ in range(40):  # the dialog posts in the background, then reloads
        lesson.refresh_from_db()
        if lesson.live:
            break
        lead.wait_for_timeout(250)
    assert lesson.live

    # An employee finds it in the course and reads it; the quiz shows no answer.
    employee = _new_page(browser)
    login(employee, demo_site, "employee")
    employee.goto(f"{demo_site}{course.url}")
    employee.get_by_role("link", name=TITLE, exact=True).first.click()
    employee.wait_for_load_state()
    assert employee.get_by_role("heading", name=TITLE, level=1).is_visible()
    assert employee.get_by_text(STEP).is_visible()
    assert employee.get_by_text(STATEMENT).is_visible()
    answer = employee.locator("input[inputmode='decimal']")
    assert answer.count() == 1 and answer.get_attribute("value") is None
    assert not re.search(r"\b96\b", employee.locator("form.quiz__form").inner_text())
    screenshot(employee, "courses-employee-reads-lesson")
