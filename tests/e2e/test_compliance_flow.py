"""The training admin narrows the compliance list down and reminds the overdue."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from playwright.sync_api import expect

from lms.models import Notification
from tests.support.browser import login, screenshot

pytestmark = pytest.mark.e2e


def assert_accessible(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_training_admin_filters_compliance_and_sends_reminders(
    page, demo_site, celery_eager
):
    login(page, demo_site, "training_admin")
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    nav.get_by_role("link", name="Nachweise").click()
    expect(
        page.get_by_role("heading", name="Nachweise Pflichtschulungen")
    ).to_be_visible()
    overview = page.get_by_role("table", name="Anteil erfüllt je Pflichtschulung")
    expect(overview).to_contain_text(re.compile(r"\d+ %"))
    assert_accessible(page)

    page.get_by_label("Status").select_option(label="überfällig")
    page.get_by_role("button", name="Filtern").click()
    page.wait_for_url("**status=ueberfaellig**")
    rows = page.locator("main table").last.locator("tbody tr")
    expect(rows.first).to_be_visible()
    statuses = rows.locator("td:nth-child(3)").all_inner_texts()
    assert statuses and set(statuses) == {"überfällig"}
    # Sorting by unit keeps the filter.
    page.get_by_role("link", name="Organisationseinheit").click()
    page.wait_for_url("**sortierung=einheit**")
    assert "status=ueberfaellig" in page.url
    units = rows.locator("td:nth-child(2)").all_inner_texts()
    assert units == sorted(units)
    screenshot(page, "compliance-filtered")

    page.get_by_role("link", name=re.compile("Erinnerung senden")).click()
    expect(page.get_by_role("heading", name="Erinnerung senden")).to_be_visible()
    assert_accessible(page)
    assert Notification.objects.filter(kind__startswith="manual:").count() == 0
    confirm = page.get_by_role("button", name=re.compile(r"Ja, \d+ Erinnerung"))
    count = int(re.search(r"\d+", confirm.inner_text()).group())
    before = len(mail.outbox)
    confirm.click()
    expect(
        page.get_by_text(re.compile(r"Erinnerung(en)? (ist|sind) verschickt"))
    ).to_be_visible()
    sent = Notification.objects.filter(kind__startswith="manual:").count()
    # People already reminded today by the scheduled run are left out.
    assert 0 < sent <= count
    assert (
        len(mail.outbox) - before
        == Notification.objects.filter(
            kind__startswith="manual:", recipient__email__gt=""
        ).count()
    )
    assert "status=ueberfaellig" in page.url  # back to the same filter
