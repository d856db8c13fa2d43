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


@pytest.fixture
def town(db, make_person):
    """Amt (no own members) with Team A (3 people), Team B (10) and Team C (6);
    Kasse (5), Archiv (4) and Bauhof (4) beside it; an initiative on `hund_anmelden` covering
    all of them. Returns a dict of units and people by name."""
    import datetime as dt

    from analytics.models import Initiative
    from lms import roles
    from tests.support.factories import OrgUnitFactory

    amt = OrgUnitFactory(code="amt", name="Amt")
    units = {
        "amt": amt,
        "team-a": OrgUnitFactory(code="team-a", name="Team A", parent=amt),
        "team-b": OrgUnitFactory(code="team-b", name="Team B", parent=amt),
        "team-c": OrgUnitFactory(code="team-c", name="Team C", parent=amt),
        "kasse": OrgUnitFactory(code="kasse", name="Kasse"),
        "archiv": OrgUnitFactory(code="archiv", name="Archiv"),
        "bauhof": OrgUnitFactory(code="bauhof", name="Bauhof"),
    }
    sizes = {
        "team-a": 3,
        "team-b": 10,
        "team-c": 6,
        "kasse": 5,
        "archiv": 4,
        "bauhof": 4,
    }
    people = {
        code: [make_person(unit=units[code]) for _ in range(size)]
        for code, size in sizes.items()
    }
    head_unit = OrgUnitFactory(code="leitung", name="Leitung")
    head = make_person(unit=head_unit, heads=[amt], username="leitung.amt")
    admin = make_person(
        unit=head_unit, role_names={roles.TRAINING_ADMIN}, username="pe"
    )
    employee = people["team-b"][0]
    initiative = Initiative.objects.create(
        title="Hund anmelden – digital",
        go_live=dt.date(2026, 6, 1),
        process_ids=["hund_anmelden"],
        course_ids=[],
        target_share=80,
    )
    initiative.org_units.add(*[units[c] for c in sizes])
    return {
        "units": units,
        "people": people,
        "head": head,
        "training_admin": admin,
        "employee": employee,
        "initiative": initiative,
    }
