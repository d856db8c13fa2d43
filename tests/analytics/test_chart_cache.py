"""The cached dashboard charts: never an old unit name, warm after the recompute."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from analytics.services.recompute import readiness_recompute
from analytics.tasks import readiness_recompute_nightly
from lms.services.org import org_unit_save
from tests.support.factories import OrgUnitFactory

URL = "/auswertungen/"


@pytest.fixture
def computed(town, django_capture_on_commit_callbacks):
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        readiness_recompute()
    yield town
    cache.clear()


def charts_of(client) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("So lesen Sie die Grafik") :]


def queries_of(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


def test_renaming_a_unit_shows_the_new_name_in_the_cached_charts(
    client, computed, django_capture_on_commit_callbacks
):
    client.force_login(computed["training_admin"])
    assert "Team B" in charts_of(client)
    unit = computed["units"]["team-b"]
    unit.name = "Zentrale Dienste"
    with django_capture_on_commit_callbacks(execute=True):
        org_unit_save(unit=unit)
    charts = charts_of(client)
    assert "Zentrale Dienste" in charts and "Team B" not in charts


def test_after_the_nightly_recompute_the_dashboards_are_warm_with_new_figures(
    computed, make_person, django_capture_on_commit_callbacks
):
    unit = OrgUnitFactory(code="neu", name="Neue Einheit")
    for _ in range(6):
        make_person(unit=unit)
    computed["initiative"].org_units.add(unit)
    viewers = {}
    for viewer in ("training_admin", "head"):  # their own cached state is warm
        viewers[viewer] = Client()
        viewers[viewer].force_login(computed[viewer])
        assert "Neue Einheit" not in charts_of(viewers[viewer])
    with django_capture_on_commit_callbacks(execute=True):
        readiness_recompute_nightly()  # as the worker runs it
    # The first visit after the recompute already finds its charts in the cache:
    # no more queries than the second, and the new unit's figures are there.
    for viewer, client in viewers.items():
        first, second = queries_of(client), queries_of(client)
        assert first == second, viewer
    assert "Neue Einheit" in charts_of(viewers["training_admin"])
