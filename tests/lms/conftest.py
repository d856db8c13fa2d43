"""Fixtures of the lms tests: the live course catalogue."""

from collections.abc import Iterator

import pytest

from tests.support.learning import Catalogue, catalogue_create


@pytest.fixture
def catalogue(db, settings, celery_eager) -> Iterator[Catalogue]:
    """Three live courses under /kurse/; tasks queued on commit run in-process."""
    from django.core.cache import cache

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "learning-tests",
        }
    }
    cache.clear()
    yield catalogue_create()
    cache.clear()
