"""Playwright drives Debian's Chromium against a live server with the demo town.

Never downloads a browser: `.ci/run` installs Debian's `chromium`. Screenshots go to
tests/e2e/artifacts/ (ignored by git).
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.support.services import require_service

CHROMIUM = Path(os.environ.get("LOTSE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def browser():
    require_service(
        CHROMIUM.exists(),
        "Chromium",
        "installieren Sie Debians Chromium: apt-get install -y chromium",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def demo_site(transactional_db, live_server):
    """A live server holding the demo town; returns its base URL."""
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    return live_server.url


@pytest.fixture
def page(browser, demo_site):
    context = browser.new_context(
        locale="de-DE", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, demo_site):
    context = browser.new_context(
        locale="de-DE", viewport={"width": 390, "height": 844}, is_mobile=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
