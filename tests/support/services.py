"""Gates for tests that need a real service (PostgreSQL, Redis, Chromium).

Locally such a test skips with the reason and how to provide the service; with
LOTSE_REQUIRE_SERVICES=1 (CI) it fails instead.
"""

import pytest
from django.conf import settings


def require_service(available: bool, what: str, how: str) -> None:
    """Skip (locally) or fail (CI) a test whose real service is missing."""
    if available:
        return
    message = f"{what} nicht erreichbar – {how}"
    if settings.LOTSE_REQUIRE_SERVICES:
        pytest.fail(f"LOTSE_REQUIRE_SERVICES=1: {message}")
    pytest.skip(message)
