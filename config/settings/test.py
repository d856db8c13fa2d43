"""The test suite: base settings plus switches no installation needs.

Without DATABASE_URL and CELERY_BROKER_URL the tests run embedded (SQLite, eager
Celery); CI points both at PostgreSQL and Redis and sets LOTSE_REQUIRE_SERVICES.
"""

from config.settings.base import *  # noqa: F403
from config.settings.base import env

# Tests that need PostgreSQL, Redis or Chromium fail instead of skipping when set (CI).
LOTSE_REQUIRE_SERVICES = env.bool("LOTSE_REQUIRE_SERVICES", default=False)

# Hashing strength is not under test; Argon2 would dominate the suite's run time.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# `make test` runs the suite in two processes (pytest-xdist). Each process prefixes its
# Redis keys, so one process's Celery worker never takes the other's tasks.
_XDIST_WORKER = env.str("PYTEST_XDIST_WORKER", default="")
if _XDIST_WORKER:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"global_keyprefix": f"{_XDIST_WORKER}:"}
    CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"global_keyprefix": f"{_XDIST_WORKER}:"}
