"""Browser: the Content-Security-Policy lets Wagtail's admin work (date choosers, page
editor) and keeps learner pages free of inline script and style."""

import pytest
from playwright.sync_api import expect

from courses.models import LessonPage
from tests.support.browser import login

pytestmark = pytest.mark.e2e

# Runs before any script of a page, so it also sees violations during loading.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` in ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


class PolicyWatch:
    """Collects CSP violations (event and console) and each document's policy."""

    def __init__(self, page):
        self.page = page
        self.console: list[str] = []
        self.policies: dict[str, str] = {}
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._on_console)
        page.on("response", self._on_response)

    def _on_console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.console.append(message.text)

    def _on_response(self, response) -> None:
        if response.request.resource_type == "document":
            policy = response.headers.get("content-security-policy", "")
            self.policies[response.url] = policy

    def violations(self) -> list[str]:
        return self.console + self.page.evaluate("window.cspViolations || []")


def sources(policy: str, directive: str) -> list[str]:
    for part in policy.split(";"):
        name, *values = part.split() or [""]
        if name == directive:
            return values
    raise AssertionError(f"{directive} fehlt in {policy!r}")


def test_wagtail_admin_date_choosers_and_page_editor_run(page, demo_site):
    watch = PolicyWatch(page)
    lesson = LessonPage.objects.live().first()

    # The trainer opens the editor of a lesson and the go-live date chooser.
    login(page, demo_site, "trainer")
    page.goto(f"{demo_site}/cms/pages/{lesson.pk}/edit/")
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Status umschalten").click()
    page.locator('[data-a11y-dialog-show="schedule-publishing-dialog"]').first.click()
    page.locator("#id_go_live_at").click()
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)
    assert watch.violations() == []

    # The administrator filters the users by last login with a date chooser.
    page.context.clear_cookies()
    login(page, demo_site, "admin")
    page.goto(f"{demo_site}/cms/users/")
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Filter anzeigen").click()
    page.get_by_role("button", name="Letzter Login").click()
    page.locator("#id_last_login_0").click()
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)
    assert watch.violations() == []

    cms_policies = [p for url, p in watch.policies.items() if "/cms/" in url]
    assert cms_policies
    for policy in cms_policies:
        assert sources(policy, "script-src") == ["'self'", "'unsafe-inline'"]
        assert sources(policy, "style-src") == ["'self'", "'unsafe-inline'"]
        assert "'unsafe-eval'" not in policy


def test_learner_pages_run_under_the_strict_policy(page, demo_site):
    watch = PolicyWatch(page)
    lesson = LessonPage.objects.live().first()

    login(page, demo_site, "employee")
    assert page.get_by_role("heading", name="Meine Schulungen").is_visible()
    assert watch.violations() == []
    page.goto(f"{demo_site}{lesson.url}")
    assert page.get_by_role("heading", name=lesson.title).is_visible()
    assert watch.violations() == []
    page.goto(f"{demo_site}/sandbox/")
    page.get_by_role("link", name="„Hund anmelden“ üben").click()
    page.get_by_label("Fall").select_option("labrador")
    page.get_by_role("button", name="Durchlauf starten").click()
    assert page.locator(".sandbox-diagram .is-current").count() == 1
    assert watch.violations() == []

    # A trainer sees a lesson with Wagtail's user bar, under the same strict policy.
    page.context.clear_cookies()
    login(page, demo_site, "trainer")
    page.goto(f"{demo_site}{lesson.url}")
    page.locator("#wagtail-userbar-trigger").click()
    expect(page.locator("#wagtail-userbar-items")).to_be_visible()
    assert watch.violations() == []

    # The organisation page indents the unit tree with classes, not style attributes.
    page.context.clear_cookies()
    login(page, demo_site, "training_admin")
    page.goto(f"{demo_site}/organisation/")
    assert watch.violations() == []
    indents = page.locator("tbody td:first-child").evaluate_all(
        "cells => cells.map(cell => getComputedStyle(cell).paddingLeft)"
    )
    assert {"12px", "28px", "44px"} <= set(indents)

    assert any("/sandbox/durchlauf/" in url for url in watch.policies)
    for url, policy in watch.policies.items():
        assert sources(policy, "script-src") == ["'self'"], url
        assert sources(policy, "style-src") == ["'self'"], url
