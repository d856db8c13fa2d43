"""Demo content of the sandbox: the three process packages shipped in the repository."""

from __future__ import annotations

from pathlib import Path

DEMO_PACKAGES_DIR = Path(__file__).resolve().parent / "demo_packages"
DEMO_PACKAGES = ("hund_anmelden", "personalausweis", "bauantrag")


def seed(*, stdout=None) -> None:
    """Import the three demo packages; a second call changes nothing."""
    from .services import package_import

    for name in DEMO_PACKAGES:
        package = package_import(file=DEMO_PACKAGES_DIR / name)
        if stdout is not None:
            state = "importiert" if package.is_new else "unverändert"
            stdout.write(
                f"Übungsraum „{package.title}“ (Version {package.version}): {state}"
            )
