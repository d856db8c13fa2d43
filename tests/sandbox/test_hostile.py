"""Hostile packages: each is refused with a 400, nothing is stored, no side effect."""

import uuid
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from sandbox import services
from sandbox.models import ProcessPackage
from tests.support.sandbox import make_zip, package_members

pytestmark = pytest.mark.django_db

URL = "/api/v1/sandbox/packages/"


def upload(client, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        URL,
        {"file": SimpleUploadedFile("paket.zip", data, "application/zip")},
        format="multipart",
    )


def assert_refused(response, *fragments):
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["detail"]
    assert isinstance(body["errors"], dict) and body["errors"]["package"]
    text = " ".join(body["errors"]["package"])
    for fragment in fragments:
        assert fragment in text, text
    assert not ProcessPackage.objects.exists()


@pytest.fixture
def marker():
    path = Path(f"/tmp/lotse-pwned-{uuid.uuid4().hex}")
    yield path
    assert not path.exists(), "the payload ran"


def test_zip_slip_is_refused(trainer_api, tmp_path):
    members = package_members("hund_anmelden")
    name = f"../../../../tmp/lotse-slip-{uuid.uuid4().hex}.txt"
    members[name] = b"ausgebrochen"
    assert_refused(upload(trainer_api, make_zip(members)), "unzulässigen Pfad")
    assert not Path("/tmp", Path(name).name).exists()


def test_absolute_paths_are_refused(trainer_api):
    members = package_members("hund_anmelden")
    members["/tmp/lotse-absolut.txt"] = b"x"
    assert_refused(upload(trainer_api, make_zip(members)), "unzulässigen Pfad")
    assert not Path("/tmp/lotse-absolut.txt").exists()


def test_symlinks_are_refused(trainer_api):
    members = package_members("hund_anmelden")
    members["process.bpmn"] = b"/etc/passwd"
    assert_refused(
        upload(trainer_api, make_zip(members, links=("process.bpmn",))), "ist ein Link"
    )


def test_too_many_members_are_refused(trainer_api):
    members = package_members("personalausweis")
    for number in range(7):
        members[f"anlage{number}.txt"] = b"x"
    assert_refused(upload(trainer_api, make_zip(members)), "höchstens 8")


def test_a_zip_bomb_is_refused_before_extraction(trainer_api):
    members = package_members("personalausweis")
    members["sandbox.json"] = members["sandbox.json"] + b" " * (6 * 1024 * 1024)
    data = make_zip(members)
    assert len(data) < 200_000  # small on the wire, large unpacked
    assert_refused(upload(trainer_api, data), "größer als 5 MB")


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    ],
)
def test_xxe_and_entity_bombs_are_refused(trainer_api, doctype):
    members = package_members("hund_anmelden")
    bpmn = members["process.bpmn"].decode()
    head, rest = bpmn.split("\n", 1)
    members["process.bpmn"] = f"{head}\n{doctype}\n{rest}".replace(
        'name="Anmeldung erfassen"',
        'name="&xxe;"' if "xxe" in doctype else 'name="&b;"',
    ).encode()
    assert_refused(upload(trainer_api, make_zip(members)), "DOCTYPE")


def _with_condition(condition: str) -> bytes:
    members = package_members("hund_anmelden")
    members["process.bpmn"] = members["process.bpmn"].replace(
        b"gefaehrlich == True", condition.encode()
    )
    return make_zip(members)


def test_an_import_in_a_condition_is_refused_and_never_runs(trainer_api, marker):
    condition = f"__import__('os').system('touch {marker}') == 0"
    assert_refused(upload(trainer_api, _with_condition(condition)), "nicht erlaubt")


def test_the_subclasses_escape_is_refused(trainer_api):
    condition = "().__class__.__bases__[0].__subclasses__() == []"
    assert_refused(upload(trainer_api, _with_condition(condition)), "nicht erlaubt")


def test_an_unsafe_script_is_refused(trainer_api, marker):
    members = package_members("personalausweis")
    members["process.bpmn"] = members["process.bpmn"].replace(
        b'<bpmn:userTask id="Task_Gebuehr"',
        f'<bpmn:scriptTask id="Script_Boese" name="Böse"><bpmn:script>import os\n'
        f"os.system('touch {marker}')</bpmn:script></bpmn:scriptTask>"
        '<bpmn:userTask id="Task_Gebuehr"'.encode(),
    )
    assert_refused(upload(trainer_api, make_zip(members)), "Skript")


def test_a_stored_unsafe_expression_is_still_blocked_at_evaluation(employee, marker):
    """A package stored before a rule change cannot run anything else."""
    members = package_members("hund_anmelden")
    bpmn = (
        members["process.bpmn"]
        .decode()
        .replace(
            "gefaehrlich == True", f"__import__('os').system('touch {marker}') == 0"
        )
    )
    ProcessPackage.objects.create(
        process_id="hund_anmelden",
        version=1,
        title="alt",
        bpmn=bpmn,
        dmn=members["decisions.dmn"].decode(),
        sandbox_json=members["sandbox.json"].decode(),
        digest="x",
        status=ProcessPackage.Status.LIVE,
    )
    run = services.run_start(
        user=employee, process_id="hund_anmelden", case_id="labrador", mode="practice"
    )
    from sandbox import selectors

    for values in ({"rasse": "Labrador", "anzahl_hunde": 1},):
        task = selectors.run_view(run=run)["ready_tasks"][0]
        run = services.run_submit_task(run=run, task_id=task["id"], data=values)
    task = selectors.run_view(run=run)["ready_tasks"][0]
    with pytest.raises(ValidationError) as excinfo:
        services.run_submit_task(
            run=run, task_id=task["id"], data={"gefaehrlich": False}
        )
    assert "nicht erlaubt" in " ".join(excinfo.value.messages)


def test_only_permitted_people_may_upload(api):
    response = upload(api, make_zip(package_members("hund_anmelden")))
    assert response.status_code == 403
    assert not ProcessPackage.objects.exists()
