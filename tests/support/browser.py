"""Helpers of the browser tests: log in through the form, screenshots, layout checks."""

from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from demo.accounts import DEMO_PASSWORD
from tests.support.access import ROLE_USERNAMES

ARTIFACTS = Path(__file__).parent.parent / "e2e" / "artifacts"  # ignored by git


def login(page, base_url: str, username: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the real login form; `username` may also be a role name."""
    username = ROLE_USERNAMES.get(username, username)
    page.goto(f"{base_url}/konto/anmelden/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()


def add_block(page, add_button, block_name: str) -> None:
    """Add a StreamField block through Wagtail's block picker.

    The picker opens on a click but can miss one made while the editor re-renders
    (a block being inserted, the autosave of a new page); then it is opened again.
    """
    option = page.get_by_role("option", name=block_name)
    for _ in range(3):
        add_button.click()
        try:
            option.wait_for(state="visible", timeout=4000)
            break
        except PlaywrightTimeoutError:
            continue
    option.click()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def assert_no_horizontal_scroll(page) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"Seite scrollt horizontal um {overflow}px"


def submit_step(page, button: str = "Schritt abschließen") -> None:
    """Post a run page's step with its button and wait for the next page.

    sandbox/steps.js posts the step with fetch and swaps the answer in, without
    a navigation that Playwright would wait for: wait for the answer and until
    the busy <main> it marked has been replaced.
    """
    with page.expect_response(
        lambda response: (
            response.request.method == "POST" and response.url.endswith("/absenden/")
        )
    ):
        page.get_by_role("button", name=button).click()
    page.locator("#main[aria-busy]").wait_for(state="detached")
