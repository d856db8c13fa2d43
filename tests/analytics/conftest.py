"""Fixtures of the analytics tests: live courses, a sandbox, a small town."""

from collections.abc import Iterator

import pytest

from tests.support.learning import Catalogue, catalogue_create


@pytest.fixture
def catalogue(db, settings, celery_eager) -> Iterator[Catalogue]:
    """The three live test courses and the dog sandbox; tasks run in-process."""
    from django.core.cache import cache

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "analytics-tests",
        }
    }
    cache.clear()
    catalogue = catalogue_create()
    catalogue.sandbox_upload()
    yield catalogue
    cache.clear()
