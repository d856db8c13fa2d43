"""The demo employee logs in, sees the start page, switches the language, logs out."""

import pytest

from demo.accounts import EMPLOYEE_USERNAME
from tests.support.browser import assert_no_horizontal_scroll, login, screenshot

pytestmark = pytest.mark.e2e


def test_employee_login_language_switch_logout(page, demo_site):
    page.goto(demo_site + "/")
    assert "/konto/anmelden/" in page.url
    screenshot(page, "foundation-login")

    login(page, demo_site, EMPLOYEE_USERNAME)
    assert page.get_by_role("heading", name="Willkommen, Erika").is_visible()
    assert page.get_by_role("heading", name="Meine Schulungen").is_visible()
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    assert nav.get_by_role("link", name="Verwaltung").count() == 0
    assert nav.get_by_role("link", name="Redaktion").count() == 0
    screenshot(page, "foundation-start-de")

    page.get_by_role("button", name="Sprache wechseln: English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="My training").is_visible()
    screenshot(page, "foundation-start-en")

    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()
    assert "/konto/anmelden/" in page.url
    screenshot(page, "foundation-logged-out")


def test_head_sees_own_units_on_a_phone(phone_page, demo_site):
    login(phone_page, demo_site, "head")
    assert phone_page.get_by_role(
        "heading", name="Meine Organisationseinheiten"
    ).is_visible()
    assert phone_page.get_by_text("Ordnungsamt").first.is_visible()
    assert_no_horizontal_scroll(phone_page)
    screenshot(phone_page, "foundation-head-phone")


def test_skip_link_is_first_and_focus_is_visible(page, demo_site):
    login(page, demo_site, "employee")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Zum Inhalt springen"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


def test_start_pages_have_no_accessibility_violations(page, demo_site):
    from axe_playwright_python.sync_playwright import Axe

    for role in ("employee", "head", "training_admin"):
        login(page, demo_site, role)
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
        page.get_by_role("button", name="Abmelden").click()
        page.wait_for_load_state()
