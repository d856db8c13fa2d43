"""What the trainer reads when a real model is imported (issue 15): the note in
the CMS, and German messages that name the element by name and ID for each
tool's export."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from sandbox import services
from tests.sandbox.test_engine_messages import assert_german
from tests.sandbox.test_real_model_kinds import model, package
from tests.sandbox.test_real_models import import_errors, members
from tests.support.sandbox import make_zip

pytestmark = pytest.mark.django_db


def test_the_cms_upload_shows_the_note_and_the_package(client, trainer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    trainer.user_permissions.add(*Permission.objects.filter(codename="access_admin"))
    client.force_login(trainer)
    response = client.post(
        reverse("sandbox_admin:index"),
        {"file": SimpleUploadedFile("bizagi.zip", make_zip(members("bizagi")))},
        follow=True,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "als Version 1 importiert" in page
    assert (
        "21 Zusatzangaben von Bizagi wurden übernommen, aber nicht ausgewertet." in page
    )
    assert "Wohnsitz in der Zone?" in page  # the diagram


# tool → a gateway decided by a choice (its label), or None.
GATEWAYS = {
    "signavio": ("sid-gw-vollstaendig", "„Antrag vollständig?“ (sid-gw-vollstaendig)"),
    "bizagi": ("Gateway_Wohnsitz", "„Wohnsitz in der Zone?“ (Gateway_Wohnsitz)"),
    "camunda": ("Gateway_Freigegeben", "„Freigegeben?“ (Gateway_Freigegeben)"),
    "bpmnio": ("Gateway_Warten", "„Was passiert zuerst?“ (Gateway_Warten)"),
    "spiffarena": None,
}


@pytest.mark.parametrize("tool", GATEWAYS)
def test_every_message_about_a_broken_case_is_german_and_names_the_element(tool):
    files = members(tool)
    manifest = json.loads(files["sandbox.json"])
    case = manifest["cases"][0]
    case["expected_end"] = "End_Unbekannt"
    case.setdefault("simulate", {})["Unbekannt"] = {"x": 1}
    if GATEWAYS[tool]:
        case["choices"] = {GATEWAYS[tool][0]: "Flow_Unbekannt"}
    files["sandbox.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    messages = import_errors(make_zip(files))
    assert len(messages) == (3 if GATEWAYS[tool] else 2), messages
    for message in messages:
        assert_german(message)
        assert tool.lower() not in message.lower()  # no vendor bits among them
    assert any("Das erwartete Ende „End_Unbekannt“" in m for m in messages)
    assert any("simuliert „Unbekannt“" in m for m in messages)
    if GATEWAYS[tool]:
        assert any(
            f"An der Verzweigung {GATEWAYS[tool][1]} ist „Flow_Unbekannt“" in m
            for m in messages
        ), messages


def test_an_unknown_end_lists_the_ends_of_the_process():
    files = members("bizagi")
    manifest = json.loads(files["sandbox.json"])
    manifest["cases"][0]["expected_end"] = "End_Ausgegeben"
    files["sandbox.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    messages = import_errors(make_zip(files))
    assert messages == [
        "Fall „in-der-zone“: Das erwartete Ende „End_Ausgegeben“ ist kein "
        "Endereignis des Prozesses. Möglich sind: End_Ausgestellt („Ausweis "
        "ausgestellt“), End_Abgelehnt („Antrag abgelehnt“)."
    ]


def test_an_event_based_gateway_the_case_does_not_decide_is_named():
    files = members("bpmnio")
    manifest = json.loads(files["sandbox.json"])
    del manifest["cases"][1]["choices"]
    files["sandbox.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    messages = import_errors(make_zip(files))
    assert messages == [
        "Fall „regenschirm“: Der Fall sagt nicht, welchen Weg das ereignisbasierte "
        "Gateway „Was passiert zuerst?“ (Gateway_Warten) nimmt. Ergänzen Sie "
        "„choices“."
    ]


@pytest.mark.parametrize("reserved", ["Start", "End", "konstrukte.EndJoin"])
def test_an_id_the_engine_uses_itself_is_refused_by_name(reserved):
    # A start event with the ID "Start" would silently replace the engine's own
    # start and the run would never begin.
    bpmn = model(
        '<bpmn:task id="Task_Pruefen" name="Antrag prüfen" />'
        '<bpmn:endEvent id="End_Fertig" name="Fertig" />',
        flows=[
            ("F1", "StartEvent_1", "Task_Pruefen"),
            ("F2", "Task_Pruefen", "End_Fertig"),
        ],
    ).replace(b'"End_Fertig"', f'"{reserved}"'.encode())
    messages = import_errors(package(bpmn, case={"expected_end": reserved}))
    assert messages == [
        f"Das Element „Fertig“ ({reserved}) hat die ID „{reserved}“, die der "
        "Übungsraum selbst braucht. Bitte geben Sie ihm im Modellierungswerkzeug "
        f"eine andere ID, z. B. „{reserved}_1“."
    ]


def test_an_unsafe_python_script_task_is_still_refused():
    bpmn = model(
        '<bpmn:scriptTask id="Script_Rechnen" name="Gebühr rechnen" '
        'scriptFormat="python"><bpmn:script>x = __import__("os")</bpmn:script>'
        "</bpmn:scriptTask>"
        '<bpmn:task id="Task_Pruefen" name="Antrag prüfen" />'
        '<bpmn:endEvent id="End_Fertig" name="Fertig" />',
        flows=[
            ("F1", "StartEvent_1", "Script_Rechnen"),
            ("F2", "Script_Rechnen", "Task_Pruefen"),
            ("F3", "Task_Pruefen", "End_Fertig"),
        ],
    )
    messages = import_errors(package(bpmn, case={"expected_end": "End_Fertig"}))
    assert any(
        m.startswith(
            "Das Skript in „Gebühr rechnen“ (Script_Rechnen) ist nicht erlaubt"
        )
        for m in messages
    ), messages


def test_reads_may_name_what_a_simulated_step_produces_and_nothing_else():
    # The Camunda case's simulated "Prüfer zuordnen" produces "pruefer", which
    # "Rechnung freigeben" reads; without it, the read is unknown.
    files = members("camunda")
    manifest = json.loads(files["sandbox.json"])
    del manifest["cases"][0]["simulate"]["Task_Zuordnen"]
    files["sandbox.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    messages = import_errors(make_zip(files))
    assert messages == [
        "Die Aufgabe „Rechnung freigeben“ (Task_Freigeben) liest „pruefer“; dieses "
        "Feld gibt es in keinem Fall, keinem Formular, keinem automatischen Schritt "
        "(„simulate“) und keiner Entscheidung. Bitte ergänzen Sie es oder streichen "
        "Sie es aus „reads“."
    ]


def test_a_decision_missing_from_the_packages_decisions_dmn_is_still_refused():
    # Without decisions.dmn a business-rule task is simulated; with one, a
    # decision it lacks is a mistake in the package.
    from tests.support.sandbox import package_members

    files = package_members("hund_anmelden")
    files["process.bpmn"] = files["process.bpmn"].replace(
        b">Decision_Steuersatz<", b">Decision_Tippfehler<"
    )
    messages = import_errors(make_zip(files))
    assert messages == [
        "Die Aufgabe „Hundesteuer ermitteln“ (Task_Steuer) ruft die "
        "Entscheidungstabelle „Decision_Tippfehler“ auf, die in decisions.dmn "
        "fehlt. Bitte ergänzen Sie sie dort oder korrigieren Sie die ID."
    ]


def test_properties_data_and_an_empty_lane_set_are_kept_as_the_note():
    bpmn = model(
        '<bpmn:property id="Property_Akte" name="akte" />'
        '<bpmn:dataObject id="DataObject_1" />'
        '<bpmn:task id="Task_Pruefen" name="Antrag prüfen">'
        "<bpmn:documentation>Sorgfältig prüfen.</bpmn:documentation>"
        '<bpmn:property id="Property_Notiz" name="notiz" />'
        "</bpmn:task>"
        '<bpmn:endEvent id="End_Fertig" name="Fertig" />',
        flows=[
            ("F1", "StartEvent_1", "Task_Pruefen"),
            ("F2", "Task_Pruefen", "End_Fertig"),
        ],
    ).replace(
        b"</bpmn:process>",
        b'</bpmn:process><bpmn:dataStore id="Store_Top" name="Register" />',
    )
    imported = services.package_import(
        file=package(bpmn, case={"expected_end": "End_Fertig"})
    )
    # isExecutable="false", two properties, the data object, the documentation
    # and the top-level data store.
    assert imported.import_notes == [
        "6 Zusatzangaben von Camunda wurden übernommen, aber nicht ausgewertet."
    ]
