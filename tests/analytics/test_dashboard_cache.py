"""The dashboard's charts are rendered once per data generation: every write of
dashboard data (recompute, adoption figures, initiatives) shows at once."""

import io
import json
import re

import pytest

from analytics.services.initiatives import initiative_save
from analytics.services.recompute import readiness_recompute


@pytest.fixture
def admin_client(client, town):
    readiness_recompute()
    client.force_login(town["training_admin"])
    return client


def people_in(html: str, unit: str) -> str:
    """The "Personen" figure of a unit in the heatmap's data table."""
    match = re.search(rf"<td>{unit}</td><td>[^<]*</td><td[^>]*>([^<]*)</td>", html)
    assert match, unit
    return match[1]


def test_a_recompute_shows_new_figures_at_once(
    admin_client, django_capture_on_commit_callbacks, make_person, town
):
    assert (
        people_in(admin_client.get("/auswertungen/").content.decode(), "Team B") == "10"
    )
    make_person(unit=town["units"]["team-b"])

    with django_capture_on_commit_callbacks(execute=True):
        readiness_recompute()

    html = admin_client.get("/auswertungen/").content.decode()
    assert people_in(html, "Team B") == "11"


def test_an_adoption_upload_shows_in_the_curve_at_once(
    admin_client, django_capture_on_commit_callbacks
):
    assert "2026-W47" not in admin_client.get("/auswertungen/").content.decode()
    upload = io.BytesIO(
        b"org_unit;process;week;digital;total\nteam-b;hund_anmelden;2026-W47;3;10\n"
    )
    upload.name = "zahlen.csv"

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post("/auswertungen/nutzungszahlen/", {"file": upload})

    html = admin_client.get("/auswertungen/").content.decode()
    assert "<td>Amt</td><td>2026-W47</td><td>30 %</td>" in html


def quadrant_target(html: str) -> float:
    """The height of the quadrant's dashed target line, from its figure."""
    match = re.search(r'<script id="chart-quadrant-data"[^>]*>(.*?)</script>', html)
    assert match
    return json.loads(match[1])["layout"]["shapes"][1]["y0"]


def test_a_changed_initiative_shows_at_once(
    admin_client, django_capture_on_commit_callbacks, town
):
    before = admin_client.get("/auswertungen/").content.decode()
    assert quadrant_target(before) == pytest.approx(80)
    initiative = town["initiative"]

    with django_capture_on_commit_callbacks(execute=True):
        initiative_save(
            initiative=initiative,
            title=initiative.title,
            go_live=initiative.go_live,
            process_ids=initiative.process_ids,
            course_ids=[999999],  # no such course: nobody joins the scope
            org_unit_ids=[town["units"][code].pk for code in ("team-a", "team-b")],
            target_share=55,
        )

    after = admin_client.get("/auswertungen/").content.decode()
    assert quadrant_target(after) == pytest.approx(55)
