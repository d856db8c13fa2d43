"""The training admin creates, changes and deletes change initiatives on Lotse's pages."""

import pytest

from analytics.models import Initiative


@pytest.fixture
def admin_client(client, town):
    client.force_login(town["training_admin"])
    return client


def test_training_admin_creates_an_initiative_with_everything_it_covers(
    admin_client, catalogue, town
):
    form = admin_client.get("/auswertungen/initiativen/neu/").content.decode()
    assert "Hund anmelden" in form  # processes offered by title
    assert catalogue.datenschutz.title in form  # courses offered by title
    assert "Team B" in form

    response = admin_client.post(
        "/auswertungen/initiativen/neu/",
        {
            "title": "Gewerbe digital",
            "go_live": "2026-09-01",
            "process_ids": ["hund_anmelden"],
            "course_ids": [str(catalogue.datenschutz.id)],
            "org_unit_ids": [str(town["units"]["amt"].pk)],
            "target_share": "65",
        },
        follow=True,
    )

    html = response.content.decode()
    assert "Das Vorhaben ist gespeichert." in html and "Gewerbe digital" in html
    created = Initiative.objects.get(title="Gewerbe digital")
    assert (str(created.go_live), created.process_ids, created.course_ids) == (
        "2026-09-01",
        ["hund_anmelden"],
        [catalogue.datenschutz.id],
    )
    assert list(created.org_units.all()) == [town["units"]["amt"]]
    assert created.target_share == 65


def test_an_incomplete_initiative_is_refused_in_german(admin_client, catalogue, town):
    response = admin_client.post(
        "/auswertungen/initiativen/neu/",
        {"title": "", "go_live": "morgen", "target_share": "120"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    # Title, processes and units are missing.
    assert html.count("Dieses Feld muss ausgefüllt werden.") == 3
    assert "Bitte ein gültiges Datum eingeben." in html
    assert "Dieser Wert muss kleiner oder gleich 100 sein." in html
    assert Initiative.objects.count() == 1  # the town's own


def test_deleting_an_initiative(admin_client, town):
    initiative = town["initiative"]
    response = admin_client.post(
        f"/auswertungen/initiativen/{initiative.pk}/loeschen/", follow=True
    )
    assert response.status_code == 200
    assert not Initiative.objects.exists()
