"""The demo's process packages are imported once and found from any directory."""

import pytest

from demo.sandboxes import DEMO_PACKAGES, DEMO_PACKAGES_DIR, seed
from sandbox.models import ProcessPackage

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent():
    seed()
    seed()
    assert ProcessPackage.objects.count() == 3


def test_demo_packages_sit_beside_the_module():
    assert DEMO_PACKAGES_DIR.is_absolute()
    for name in DEMO_PACKAGES:
        assert (DEMO_PACKAGES_DIR / name / "process.bpmn").is_file()
        assert (DEMO_PACKAGES_DIR / name / "sandbox.json").is_file()
