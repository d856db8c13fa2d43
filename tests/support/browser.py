"""Helpers of the browser tests: log in through the form, screenshots, layout checks."""

from pathlib import Path

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
