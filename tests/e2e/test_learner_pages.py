"""The learner's new pages in a real browser: "Meine Daten", the calendar feed page,
the catalogue with own status, a lesson with its one way on, and a sandbox run
started from a lesson (back link, German labels) – axe finds no violation."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.support.browser import assert_no_horizontal_scroll, login, screenshot

pytestmark = pytest.mark.e2e


def _no_violations(page, name: str) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    assert_no_horizontal_scroll(page)
    screenshot(page, name)


def test_learner_pages_are_accessible(page, demo_site):
    from demo.learning import seed_learning

    seed_learning()
    login(page, demo_site, "employee")

    page.goto(f"{demo_site}/lernen/meine-daten/")
    assert page.get_by_role("heading", name="Meine Daten", level=1).is_visible()
    assert page.get_by_role("link", name="Alle Daten herunterladen (JSON)").is_visible()
    _no_violations(page, "learner-my-data")

    page.goto(f"{demo_site}/lernen/kalender/")
    page.get_by_role("button", name="Kalender-Adresse erzeugen").click()
    page.wait_for_load_state()
    feed_url = page.get_by_label("Adresse zum Abonnieren").input_value()
    assert "/kalender/" in feed_url and feed_url.endswith(".ics")
    _no_violations(page, "learner-calendar")

    page.goto(f"{demo_site}/kurse/")
    assert page.get_by_text("Ihr Stand:").first.is_visible()
    _no_violations(page, "learner-catalogue")

    # The dog course's lesson with the guided exercise.
    page.goto(f"{demo_site}/kurse/hund-anmelden-digital/antraege-pruefen/")
    assert page.locator("#lektion-weiter form button").count() == 1
    _no_violations(page, "learner-lesson")
    page.get_by_role("button", name="Übung starten").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Zurück zur Lektion").first.is_visible()
    assert page.get_by_text("Name der Halterin oder des Halters").first.is_visible()
    _no_violations(page, "learner-run-from-lesson")
    page.get_by_role("link", name="Zurück zur Lektion").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/kurse/hund-anmelden-digital/antraege-pruefen/")
