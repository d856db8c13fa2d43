"""What the trainer reads when a real model is imported (issue 15): the note in
the CMS, and German messages that name the element by name and ID for each
tool's export."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from sandbox import services
from tests.sandbox.test_engine_messages import assert_german
from tests.sandbox.test_real_models import members
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
    with pytest.raises(ValidationError) as excinfo:
        services.package_import(file=make_zip(files))
    messages = excinfo.value.messages
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
    with pytest.raises(ValidationError) as excinfo:
        services.package_import(file=make_zip(files))
    assert excinfo.value.messages == [
        "Fall „in-der-zone“: Das erwartete Ende „End_Ausgegeben“ ist kein "
        "Endereignis des Prozesses. Möglich sind: End_Ausgestellt („Ausweis "
        "ausgestellt“), End_Abgelehnt („Antrag abgelehnt“)."
    ]
