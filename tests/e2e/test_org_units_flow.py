"""The training admin keeps the org units on Lotse's pages, not in Django's admin.

Creates a unit below the Ordnungsamt, sees that the Ordnungsamt cannot be put below
it, deletes it after a confirmation, is refused deleting a unit with people, and
finds /admin/ closed; axe finds no serious violation on the new pages. Trainers
and the training admin still reach the CMS under /cms/.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from lms.models import OrgUnit
from tests.support.browser import login, screenshot

pytestmark = pytest.mark.e2e


def assert_no_serious_violations(page, where: str) -> None:
    results = Axe().run(page)
    serious = [
        v
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]
    assert serious == [], where + "\n" + results.generate_report()


def test_training_admin_manages_org_units_on_lotse_pages(page, demo_site):
    login(page, demo_site, "training_admin")
    page.goto(demo_site + "/organisation/")
    expect(page.get_by_role("link", name="Einheiten bearbeiten")).to_have_count(0)
    page.get_by_role("link", name="Neue Einheit").click()
    expect(
        page.get_by_role("heading", name="Neue Organisationseinheit")
    ).to_be_visible()

    # Nothing filled in: German messages at the fields.
    page.get_by_role("button", name="Einheit anlegen").click()
    expect(
        page.get_by_text("Bitte geben Sie den Namen der Einheit an.")
    ).to_be_visible()
    expect(page.get_by_text("Bitte geben Sie ein Kürzel an.")).to_be_visible()
    assert_no_serious_violations(page, "unit form with errors")

    page.get_by_label("Name").fill("Team Hundesteuer")
    page.get_by_label("Kürzel").fill("ordnung-hunde")
    page.get_by_label("Übergeordnete Einheit").select_option(
        label="Ordnungsamt (ordnungsamt)"
    )
    page.get_by_role("button", name="Einheit anlegen").click()
    page.wait_for_url(demo_site + "/organisation/")
    expect(
        page.get_by_text("Die Einheit „Team Hundesteuer“ ist angelegt.")
    ).to_be_visible()
    expect(page.get_by_role("cell", name="ordnung-hunde")).to_be_visible()
    assert_no_serious_violations(page, "/organisation/")

    # The Ordnungsamt cannot hang below itself or below its new team.
    page.get_by_role("link", name="Einheit Ordnungsamt bearbeiten").click()
    parent = page.get_by_label("Übergeordnete Einheit")
    expect(parent).to_have_value(str(OrgUnit.objects.get(code="stadt").pk))
    options = parent.locator("option").all_inner_texts()
    assert "Team Hundesteuer (ordnung-hunde)" not in options
    assert "Ordnungsamt (ordnungsamt)" not in options
    assert "Stadt Musterstadt (stadt)" in options
    assert_no_serious_violations(page, "unit edit form")

    # A unit with a unit below it is not deleted; the page says why.
    page.get_by_role("link", name="Einheit löschen …").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Die Einheit „Ordnungsamt“ hat noch Einheiten darunter."
    )
    expect(page.get_by_role("button", name="Ja, Einheit löschen")).to_have_count(0)
    assert_no_serious_violations(page, "delete refused")

    # The new, empty team is deleted after the confirmation.
    team = OrgUnit.objects.get(code="ordnung-hunde")
    page.goto(f"{demo_site}/organisation/einheiten/{team.pk}/")
    page.get_by_label("Name").fill("Team Hundesteuer und -marken")
    page.get_by_role("button", name="Einheit speichern").click()
    expect(
        page.get_by_text("Die Einheit „Team Hundesteuer und -marken“ ist gespeichert.")
    ).to_be_visible()
    page.get_by_role(
        "link", name="Einheit Team Hundesteuer und -marken bearbeiten"
    ).click()
    page.get_by_role("link", name="Einheit löschen …").click()
    expect(
        page.get_by_text("Wollen Sie die Einheit „Team Hundesteuer und -marken“")
    ).to_be_visible()
    assert_no_serious_violations(page, "delete confirmation")
    screenshot(page, "org-unit-delete-confirm")
    page.get_by_role("button", name="Ja, Einheit löschen").click()
    page.wait_for_url(demo_site + "/organisation/")
    expect(
        page.get_by_text("Die Einheit „Team Hundesteuer und -marken“ ist gelöscht.")
    ).to_be_visible()
    assert not OrgUnit.objects.filter(code="ordnung-hunde").exists()

    # Nor is a unit with people.
    page.get_by_role("link", name="Einheit Standesamt bearbeiten").click()
    page.get_by_role("link", name="Einheit löschen …").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Der Einheit „Standesamt“ sind noch Beschäftigte zugeordnet"
    )
    expect(page.get_by_role("button", name="Ja, Einheit löschen")).to_have_count(0)

    # Django's admin is closed to the training admin: its login page, no lists.
    page.goto(demo_site + "/admin/lms/orgunit/")
    assert "/admin/login/" in page.url
    expect(page.get_by_role("link", name="Organisationseinheiten")).to_have_count(0)

    # The CMS still opens (Wagtail asks for its own permission, not the staff flag).
    page.goto(demo_site + "/cms/")
    assert page.url == demo_site + "/cms/"
    expect(page).to_have_title(re.compile("Lotse – Redaktion"))


def test_trainer_reaches_the_cms_but_not_the_admin(page, demo_site):
    login(page, demo_site, "trainer")
    page.goto(demo_site + "/cms/")
    assert page.url == demo_site + "/cms/"
    expect(page.get_by_text("Meine Entwürfe").first).to_be_visible()
    page.goto(demo_site + "/admin/")
    assert "/admin/login/" in page.url
