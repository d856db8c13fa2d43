"""The training admin finds a person by keyboard, edits them, deactivates after asking."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from demo.accounts import EMPLOYEE_USERNAME
from tests.support.browser import login, screenshot

pytestmark = pytest.mark.e2e


def assert_accessible(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_training_admin_edits_and_deactivates_a_person(page, demo_site):
    login(page, demo_site, "training_admin")
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    nav.get_by_role("link", name="Organisation").click()
    page.get_by_role("link", name="Beschäftigte verwalten").click()
    expect(page.get_by_role("heading", name="Beschäftigte", exact=True)).to_be_visible()
    assert_accessible(page)

    # Search by keyboard only: type, then Enter submits the filter form.
    page.get_by_role("searchbox", name="Suche").fill("Mustermann")
    page.get_by_role("searchbox", name="Suche").press("Enter")
    page.wait_for_url("**q=Mustermann**")
    page.get_by_role("link", name="Mustermann, Erika").focus()
    page.keyboard.press("Enter")
    expect(
        page.get_by_role("heading", name="Erika Mustermann bearbeiten")
    ).to_be_visible()
    assert_accessible(page)
    screenshot(page, "staff-edit")

    page.get_by_label("Funktion").fill("Teamleitung Hundewesen")
    page.get_by_role("checkbox", name="Schulungsteam").check()
    page.get_by_role("button", name="Speichern").click()
    expect(
        page.get_by_text("Die Angaben zu Erika Mustermann sind gespeichert.")
    ).to_be_visible()

    erika = get_user_model().objects.get(username=EMPLOYEE_USERNAME)
    page.goto(f"{demo_site}/organisation/beschaeftigte/{erika.pk}/")
    page.get_by_role("link", name="Konto deaktivieren …").click()
    expect(page.get_by_role("heading", name="Konto deaktivieren")).to_be_visible()
    assert_accessible(page)
    erika.refresh_from_db()
    assert erika.is_active  # the confirmation page changes nothing
    page.get_by_role("button", name="Ja, Konto deaktivieren").click()
    expect(page.get_by_role("button", name="Konto wieder aktivieren")).to_be_visible()
    erika.refresh_from_db()
    assert not erika.is_active and erika.staff.job_title == "Teamleitung Hundewesen"
