"""Sandbox forms and data speak German: titles and help from the JSON Schemas,
dates and amounts the German way, and a warning for every field without a title."""

import json

import pytest
from django.urls import reverse
from django.utils import translation

from demo.sandboxes import DEMO_PACKAGES, DEMO_PACKAGES_DIR
from sandbox import selectors, services
from sandbox.packages.labels import (
    data_display,
    field_schemas,
    label_warnings,
    value_display,
)
from sandbox.packages.validate import validate_package


def _manifest(name: str) -> dict:
    return json.loads((DEMO_PACKAGES_DIR / name / "sandbox.json").read_text("utf-8"))


@pytest.mark.parametrize("name", DEMO_PACKAGES)
def test_every_demo_sandbox_field_has_a_german_label(name):
    manifest = _manifest(name)
    fields = field_schemas(manifest)
    seen = set()
    for task in manifest["tasks"].values():
        seen |= set(task.get("reads", [])) | set(task["form"]["properties"])
    for case in manifest["cases"]:
        for key, value in case["data"].items():
            seen.add(key)
            seen |= {f"{key}.{inner}" for inner in value}
    assert seen
    for path in sorted(seen):
        title = fields.get(path, {}).get("title", "")
        # A label, not the technical name dressed up ("Halter name").
        assert title, f"{name}: {path} hat keinen Titel"
        assert "_" not in title and title.split(".")[-1] != path.split(".")[-1]
    assert label_warnings(manifest) == []
    assert validate_package(DEMO_PACKAGES_DIR / name).warnings == []


def test_validator_warns_about_a_field_without_title(tmp_path):
    manifest = _manifest("hund_anmelden")
    del manifest["data_schema"]["properties"]["antrag"]["properties"]["vorfaelle"]
    folder = tmp_path / "hund"
    folder.mkdir()
    for member in ("process.bpmn", "decisions.dmn"):
        (folder / member).write_bytes(
            (DEMO_PACKAGES_DIR / "hund_anmelden" / member).read_bytes()
        )
    (folder / "sandbox.json").write_text(json.dumps(manifest), "utf-8")
    warnings = validate_package(folder).warnings
    assert len(warnings) == 1
    assert "„antrag.vorfaelle“ hat keinen Titel" in warnings[0]


def test_dates_and_amounts_are_shown_the_german_way():
    with translation.override("de"):
        assert value_display("1975-11-23", {"format": "date"}) == "23.11.1975"
        assert value_display(1234.5, {"unit": "€"}) == "1.234,50 €"
        assert value_display(96, {"unit": "€"}) == "96,00 €"
        assert value_display(True) == "Ja"
    rows = data_display(
        {"antrag": {"halter_name": "Max Mustermann", "geburtsdatum": "1975-11-23"}},
        field_schemas(_manifest("hund_anmelden")),
    )
    assert rows[0]["label"] == "Anmeldung"
    assert [(r["label"], r["value"]) for r in rows[0]["children"]] == [
        ("Name der Halterin oder des Halters", "Max Mustermann"),
        ("Geburtsdatum", "23.11.1975"),
    ]


@pytest.mark.django_db
def test_run_page_shows_labels_not_keys(demo_packages, employee, client):
    run = services.run_start(
        user=employee, process_id="hund_anmelden", case_id="zweithund", mode="guided"
    )
    client.force_login(employee)
    html = client.get(reverse("sandbox:run_detail", args=[run.pk])).content.decode()
    assert "Name der Halterin oder des Halters" in html
    assert "23.11.1975" in html and "1975-11-23" not in html
    assert "Halter name" not in html and "Weitere hunde" not in html
    assert "Zählen Sie den neuen Hund mit." in html  # the field's description
    # The Finanzen lane sees the rates as amounts.
    run = services.run_start(
        user=employee,
        process_id="hund_anmelden",
        case_id="zweithund",
        mode="guided",
        lanes=["Finanzen"],
    )
    html = client.get(reverse("sandbox:run_detail", args=[run.pk])).content.decode()
    assert "Steuersatz für jeden weiteren Hund" in html and "144,00 €" in html
    assert "Steuer anzahl" not in html
    assert selectors.process_get("hund_anmelden") is not None
