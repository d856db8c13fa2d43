import json

import pytest
from django.core.exceptions import ValidationError

from demo.sandboxes import DEMO_PACKAGES_DIR
from sandbox import services
from sandbox.models import ProcessPackage
from sandbox.packages.archive import zip_folder
from tests.support.sandbox import make_zip, package_members

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name, lanes, cases",
    [
        ("hund_anmelden", ["Ordnungsamt", "Finanzen"], 4),
        ("personalausweis", ["Bürgerbüro"], 3),
        ("bauantrag", ["Bauaufsicht", "Stadtplanung"], 4),
    ],
)
def test_each_demo_package_imports_from_a_zip(name, lanes, cases):
    package = services.package_import(file=zip_folder(DEMO_PACKAGES_DIR / name))
    assert package.process_id == name
    assert package.version == 1
    assert package.lanes == lanes
    assert len(package.cases) == cases
    assert ProcessPackage.objects.filter(process_id=name).count() == 1


def test_a_changed_package_becomes_a_new_version_and_an_identical_one_does_not():
    members = package_members("hund_anmelden")
    first = services.package_import(file=make_zip(members))
    again = services.package_import(file=make_zip(members))
    assert (first.version, again.version, again.is_new) == (1, 1, False)
    manifest = json.loads(members["sandbox.json"])
    manifest["title"] = "Hund anmelden (neu)"
    members["sandbox.json"] = json.dumps(manifest).encode()
    second = services.package_import(file=make_zip(members))
    assert second.version == 2
    assert second.title == "Hund anmelden (neu)"
    assert ProcessPackage.objects.filter(process_id="hund_anmelden").count() == 2


def _json(members, change):
    manifest = json.loads(members["sandbox.json"])
    change(manifest)
    members["sandbox.json"] = json.dumps(manifest).encode()


def _bpmn(members, old, new):
    assert old.encode() in members["process.bpmn"]
    members["process.bpmn"] = members["process.bpmn"].replace(
        old.encode(), new.encode(), 1
    )


def _dmn(members, old, new):
    assert old.encode() in members["decisions.dmn"]
    members["decisions.dmn"] = members["decisions.dmn"].replace(
        old.encode(), new.encode(), 1
    )


def _case(manifest, case_id):
    return next(c for c in manifest["cases"] if c["id"] == case_id)


BROKEN = {
    "missing member": (
        lambda m: m.pop("sandbox.json"),
        "Die Datei „sandbox.json“ fehlt",
    ),
    "extra member": (
        lambda m: m.update({"notizen.txt": b"hallo"}),
        "Unerwartete Datei „notizen.txt“",
    ),
    "not bpmn": (
        lambda m: m.update({"process.bpmn": b"<prozess/>"}),
        "keine BPMN-2.0-Datei",
    ),
    "not xml": (
        lambda m: m.update({"process.bpmn": b"<bpmn:definitions"}),
        "kein gültiges XML",
    ),
    "schema": (
        lambda m: _bpmn(m, 'isExecutable="true"', 'isExecutable="vielleicht"'),
        "BPMN-2.0-Schema",
    ),
    "unknown process id": (
        lambda m: _json(m, lambda j: j.update({"process_id": "katze_anmelden"})),
        "Der Prozess „katze_anmelden“ aus sandbox.json kommt in process.bpmn nicht vor",
    ),
    "unnamed lane": (
        lambda m: _bpmn(m, 'name="Finanzen"', ""),
        "hat keinen Namen",
    ),
    "task without form": (
        lambda m: _json(m, lambda j: j["tasks"].pop("Task_Bescheid")),
        "Die Aufgabe „Steuerbescheid erstellen“ (Task_Bescheid) hat kein Formular",
    ),
    "form for unknown task": (
        lambda m: _json(
            m, lambda j: j["tasks"].update({"Task_Katze": j["tasks"]["Task_Gefahr"]})
        ),
        "unbekannte Aufgabe „Task_Katze“",
    ),
    "reads path that cannot exist": (
        lambda m: _json(
            m,
            lambda j: j["tasks"]["Task_Bescheid"]["reads"].append(
                "antrag.lieblingsfarbe"
            ),
        ),
        "liest „antrag.lieblingsfarbe“",
    ),
    "expected field that cannot exist": (
        lambda m: _json(
            m,
            lambda j: _case(j, "labrador")["expected"]["Task_Gefahr"].update(
                {"farbe": "x"}
            ),
        ),
        "erwartet das Feld „farbe“",
    ),
    "expected values that break the form": (
        lambda m: _json(
            m,
            lambda j: _case(j, "labrador")["expected"]["Task_Erfassen"].update(
                {"anzahl_hunde": "eins"}
            ),
        ),
        "passen nicht zum Formular",
    ),
    "unsafe condition": (
        lambda m: _bpmn(m, "gefaehrlich == True", "gefaehrlich.__class__ == True"),
        "Die Bedingung am Fluss „ja“ (SF_gefaehrlich) ist nicht erlaubt",
    ),
    "unsafe decision cell": (
        lambda m: _dmn(m, "<text>600</text>", "<text>__import__('os').getpid()</text>"),
        "der Tabelle „Hundesteuersätze“ ist nicht erlaubt",
    ),
    "case that misses its end": (
        lambda m: _json(
            m, lambda j: _case(j, "labrador").update({"expected_end": "End_Abgelehnt"})
        ),
        "Fall „labrador“: Mit den erwarteten Werten endet der Prozess bei "
        "„Steuerbescheid versandt“ (End_Bescheid) statt bei „Haltung untersagt“ "
        "(End_Abgelehnt). Prüfen Sie die erwarteten Werte",
    ),
    "wrong format": (
        lambda m: _json(m, lambda j: j.update({"format": "lotse-sandbox/0"})),
        "„format“ muss „lotse-sandbox/1“ sein",
    ),
    "unsupported element": (
        lambda m: _bpmn(
            m,
            '<bpmn:userTask id="Task_Bescheid"',
            '<bpmn:complexGateway id="Gateway_Komplex" name="Komplex" /><bpmn:userTask '
            'id="Task_Bescheid"',
        ),
        "Das Element „Komplex“ (Gateway_Komplex) (complexGateway) kann der "
        "Übungsraum nicht nachspielen",
    ),
}


@pytest.mark.parametrize("problem", list(BROKEN))
def test_invalid_packages_are_rejected_with_german_messages_and_nothing_is_stored(
    problem,
):
    members = package_members("hund_anmelden")
    change, message = BROKEN[problem]
    change(members)
    with pytest.raises(ValidationError) as excinfo:
        services.package_import(file=make_zip(members))
    assert any(message in text for text in excinfo.value.messages), (
        excinfo.value.messages
    )
    assert not ProcessPackage.objects.exists()


def test_every_problem_is_listed_not_only_the_first():
    members = package_members("hund_anmelden")
    _json(members, lambda j: j["tasks"].pop("Task_Bescheid"))
    _bpmn(members, 'name="Finanzen"', "")
    with pytest.raises(ValidationError) as excinfo:
        services.package_import(file=make_zip(members))
    assert len(excinfo.value.messages) >= 2


def test_not_a_zip_and_a_damaged_zip_are_rejected():
    with pytest.raises(ValidationError) as excinfo:
        services.package_import(file=b"das ist keine zip-datei")
    assert "kein ZIP-Archiv" in excinfo.value.messages[0]
    damaged = make_zip(package_members("personalausweis"))
    damaged = damaged[:200] + b"\0" * 50 + damaged[250:]
    with pytest.raises(ValidationError) as excinfo:
        services.package_import(file=damaged)
    assert "beschädigt" in " ".join(excinfo.value.messages)
    assert not ProcessPackage.objects.exists()


def test_a_package_folder_inside_the_zip_is_accepted():
    members = {
        f"personalausweis/{k}": v for k, v in package_members("personalausweis").items()
    }
    package = services.package_import(file=make_zip(members))
    assert package.process_id == "personalausweis"
