"""The three demo process packages, imported into the sandbox from `demo/packages/`."""

from __future__ import annotations

from pathlib import Path

from sandbox.services import package_import

# Found beside this module, so the seed works from any working directory.
DEMO_PACKAGES_DIR = Path(__file__).resolve().parent / "packages"
DEMO_PACKAGES = ("hund_anmelden", "personalausweis", "bauantrag")


def seed(*, stdout=None) -> None:
    """Import the three demo packages; a second call changes nothing."""
    for name in DEMO_PACKAGES:
        package = package_import(file=DEMO_PACKAGES_DIR / name)
        if stdout is not None:
            state = "importiert" if package.is_new else "unverändert"
            stdout.write(
                f"Übungsraum „{package.title}“ (Version {package.version}): {state}"
            )
