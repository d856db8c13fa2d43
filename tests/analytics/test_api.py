"""The analytics API: suppression, scope of heads, own readiness, adoption."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from analytics.models import AccessLog, AdoptionFigure, ReadinessSnapshot
from analytics.services.recompute import readiness_recompute

URL = "/api/v1/analytics/readiness/"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def computed(town):
    readiness_recompute()
    return town


def cells_by_unit(response) -> dict:
    return {cell["org_unit"]: cell for cell in response.json()["cells"]}


def test_head_sees_cells_of_own_subtree_with_suppression(computed):
    response = client_for(computed["head"]).get(URL, {"process": "hund_anmelden"})
    assert response.status_code == 200
    body = response.json()
    assert body["formula_version"] == "1"
    assert set(body) == {"formula_version", "count", "next", "previous", "cells"}
    cells = cells_by_unit(response)
    assert set(cells) == {"amt", "team-a", "team-b", "team-c"}  # not Kasse, Archiv
    assert cells["amt"]["n"] == 19 and not cells["amt"]["suppressed"]
    assert cells["team-b"]["n"] == 10 and cells["team-b"]["readiness"] is not None
    for code in ("team-a", "team-c"):  # A < 5; C complementary (Amt − B − C = A)
        assert cells[code] == {
            "org_unit": code,
            "process": "hund_anmelden",
            "n": None,
            "suppressed": True,
            "readiness": None,
            "ready_share": None,
            "barriers": None,
            "adoption": None,
        }
    assert set(cells["team-b"]) == set(cells["team-a"])  # the contract's keys only
    barriers = cells["team-b"]["barriers"]
    assert set(barriers) == {"A", "D", "K", "Ab", "R", "none"}
    assert sum(barriers.values()) == pytest.approx(1)


def test_four_people_are_suppressed_and_five_shown(computed):
    # Top level: Amt 19, Kasse 5, Archiv 4, Bauhof 4: the two groups of four hide
    # each other in the total (residual 8 from two groups), so Kasse stays shown.
    response = client_for(computed["training_admin"]).get(
        URL, {"process": "hund_anmelden"}
    )
    cells = cells_by_unit(response)
    assert cells["archiv"]["suppressed"] and cells["archiv"]["n"] is None
    assert cells["archiv"]["readiness"] is None
    assert not cells["kasse"]["suppressed"] and cells["kasse"]["n"] == 5
    assert cells["kasse"]["readiness"] is not None
    assert cells["bauhof"]["suppressed"]


def test_unit_filter_keeps_the_suppression_of_the_whole_tree(computed):
    response = client_for(computed["head"]).get(
        URL, {"process": "hund_anmelden", "org_unit": "team-c"}
    )
    cells = cells_by_unit(response)
    assert set(cells) == {"team-c"} and cells["team-c"]["suppressed"]


def test_head_may_not_ask_for_a_unit_outside_the_subtree(computed):
    response = client_for(computed["head"]).get(
        URL, {"process": "hund_anmelden", "org_unit": "kasse"}
    )
    assert response.status_code == 400
    assert "org_unit" in response.json()["errors"]


def test_readiness_api_needs_a_known_process(computed):
    response = client_for(computed["head"]).get(URL, {"process": "gibt_es_nicht"})
    assert response.status_code == 400
    assert response.json()["detail"]


def test_employee_gets_403_on_the_readiness_api(computed):
    response = client_for(computed["employee"]).get(URL, {"process": "hund_anmelden"})
    assert response.status_code == 403
    assert response.json()["detail"]


def test_readiness_api_call_is_logged(computed):
    client_for(computed["head"]).get(URL, {"process": "hund_anmelden"})
    entry = AccessLog.objects.get()
    assert entry.user == computed["head"] and entry.action == "api"
    assert entry.filters["process"] == "hund_anmelden"


def test_employee_sees_own_readiness_only(computed):
    me = computed["employee"]
    response = client_for(me).get("/api/v1/me/readiness/")
    assert response.status_code == 200
    [item] = response.json()["results"]
    own = ReadinessSnapshot.objects.get(user=me)
    assert item["readiness"] == round(own.readiness, 1)
    assert item["barrier"] == "Ab" and item["barrier_label"]
    assert item["next_step"]["url"] == "/sandbox/prozess/hund_anmelden/"


ROWS = [
    {
        "org_unit": "team-b",
        "process": "hund_anmelden",
        "week": "2026-W47",
        "digital": 3,
        "total": 10,
    },
    {
        "org_unit": "team-b",
        "process": "hund_anmelden",
        "week": "2026-W48",
        "digital": 6,
        "total": 12,
    },
]


def test_adoption_post_is_idempotent_and_replaces_a_week(town):
    client = client_for(town["training_admin"])
    assert client.post("/api/v1/analytics/adoption/", ROWS, format="json").json() == {
        "stored": 2
    }
    again = [dict(ROWS[0]), dict(ROWS[1], digital=8)]
    assert (
        client.post("/api/v1/analytics/adoption/", again, format="json").status_code
        == 200
    )
    assert AdoptionFigure.objects.count() == 2
    listed = client.get("/api/v1/analytics/adoption/").json()["results"]
    assert [row["digital"] for row in listed] == [3, 8]


def test_adoption_post_stores_nothing_when_one_row_is_bad(town):
    client = client_for(town["training_admin"])
    bad = ROWS + [
        {
            "org_unit": "nirgends",
            "process": "hund_anmelden",
            "week": "2026-W49",
            "digital": 1,
            "total": 1,
        },
        {
            "org_unit": "team-b",
            "process": "hund_anmelden",
            "week": "2026-W50",
            "digital": 5,
            "total": 4,
        },
        {
            "org_unit": "team-b",
            "process": "hund_anmelden",
            "week": "2026-W51",
            "digital": -1,
            "total": 4,
        },
        {
            "org_unit": "team-b",
            "process": "hund_anmelden",
            "week": "2025-W53",
            "digital": 1,
            "total": 4,
        },
        dict(ROWS[0]),
    ]
    response = client.post("/api/v1/analytics/adoption/", bad, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"].startswith("Nichts gespeichert")
    assert set(body["errors"]) == {"2", "3", "4", "5", "6"}
    assert "org_unit" in body["errors"]["2"]
    assert "digital" in body["errors"]["3"] and "digital" in body["errors"]["4"]
    assert "week" in body["errors"]["5"]  # 2025 has no week 53
    assert "week" in body["errors"]["6"]  # the same week twice
    assert not AdoptionFigure.objects.exists()


def test_head_and_employee_may_not_report_adoption(town):
    for person in (town["head"], town["employee"]):
        response = client_for(person).post(
            "/api/v1/analytics/adoption/", ROWS, format="json"
        )
        assert response.status_code == 403


def test_api_client_token_can_report_adoption_and_nothing_else(town):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("adoption_client_create", "fachverfahren", stdout=out)
    token = out.getvalue().strip()
    assert Token.objects.get(key=token).user.username == "fachverfahren"
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert (
        client.post("/api/v1/analytics/adoption/", ROWS, format="json").status_code
        == 200
    )
    assert client.get("/api/v1/analytics/adoption/").status_code == 200
    for path in (
        "/api/v1/me/",
        "/api/v1/me/readiness/",
        "/api/v1/me/export/",
        "/api/v1/org/units/",
        URL + "?process=hund_anmelden",
        "/api/v1/me/enrolments/",
    ):
        response = client.get(path)
        assert response.status_code == 403, path
    assert not Token.objects.get(key=token).user.has_usable_password()


def test_single_small_unit_beside_others_makes_the_total_hide_a_second(town):
    # Without Bauhof, Archiv (4) would be the only hidden top unit: total − Amt −
    # Kasse = Archiv, so Kasse (the smallest other) must be suppressed too.
    from analytics.selectors.dashboard import ALL, readiness_table

    for person in town["people"]["bauhof"]:
        person.is_active = False
        person.save()
    readiness_recompute()
    table = readiness_table(process_ids=["hund_anmelden"], visible=ALL)
    kasse = next(c for c in table.cells if c.code == "kasse")
    assert kasse.suppressed and kasse.readiness is None
    [total] = table.totals
    assert not total.suppressed and total.n == 19 + 5 + 4


def test_readiness_is_paged_ordered_and_refuses_wrong_parameters(computed):
    client = client_for(computed["training_admin"])
    process = {"process": "hund_anmelden"}
    page = client.get(URL, {**process, "page_size": 2}).json()
    assert set(page) == {"formula_version", "count", "next", "previous", "cells"}
    assert len(page["cells"]) == 2 and "page=2" in page["next"]
    second = client.get(page["next"]).json()
    assert second["formula_version"] == "1" and second["previous"] is not None
    assert {c["org_unit"] for c in second["cells"]}.isdisjoint(
        {c["org_unit"] for c in page["cells"]}
    )
    ordered = client.get(URL, {**process, "ordering": "-org_unit"}).json()["cells"]
    codes = [cell["org_unit"] for cell in ordered]
    assert codes == sorted(codes, reverse=True)
    for params, field in [
        ({"page_size": "0"}, "page_size"),
        ({"page": "50"}, "page"),
        ({"ordering": "n"}, "ordering"),
        ({"process": "gibt-es-nicht"}, "process"),
        ({"org_unit": "gibt-es-nicht"}, "org_unit"),
    ]:
        response = client.get(URL, {**process, **params})
        assert response.status_code == 400
        assert list(response.json()["errors"]) == [field]
    my = client_for(computed["employee"]).get("/api/v1/me/readiness/?page=2")
    assert my.status_code == 400 and list(my.json()["errors"]) == ["page"]


def test_readiness_queries_do_not_grow_with_units(computed, make_person):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.support.factories import OrgUnitFactory

    client = client_for(computed["training_admin"])
    process = {"process": "hund_anmelden"}

    def queries() -> int:
        assert client.get(URL, process).status_code == 200  # caches warm
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL, process)
        assert response.status_code == 200
        return len(captured)

    few = queries()
    for number in range(27):
        unit = OrgUnitFactory(code=f"weitere-{number}", parent=computed["units"]["amt"])
        make_person(unit=unit)
        computed["initiative"].org_units.add(unit)
    readiness_recompute()
    assert client.get(URL, process).json()["count"] >= 30
    assert queries() == few
