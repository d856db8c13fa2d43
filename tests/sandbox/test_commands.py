import pytest
from django.core.management import CommandError, call_command

from demo.sandboxes import DEMO_PACKAGES_DIR
from sandbox.models import ProcessPackage
from sandbox.packages.archive import zip_folder
from tests.support.sandbox import make_zip, package_members

pytestmark = pytest.mark.django_db


def test_import_sandbox_accepts_a_zip_and_a_folder(tmp_path, capsys):
    archive = tmp_path / "ausweis.zip"
    archive.write_bytes(zip_folder(DEMO_PACKAGES_DIR / "personalausweis"))
    call_command("import_sandbox", str(archive))
    assert "als Version 1 importiert, 3 Fälle" in capsys.readouterr().out
    call_command("import_sandbox", str(DEMO_PACKAGES_DIR / "personalausweis"))
    assert "unverändert" in capsys.readouterr().out
    assert ProcessPackage.objects.count() == 1


def test_import_sandbox_lists_every_error_and_fails(tmp_path, capsys):
    members = package_members("hund_anmelden")
    members.pop("process.bpmn")
    members["x.exe"] = b"MZ"
    archive = tmp_path / "kaputt.zip"
    archive.write_bytes(make_zip(members))
    with pytest.raises(CommandError) as excinfo:
        call_command("import_sandbox", str(archive))
    assert "2 Fehler" in str(excinfo.value)
    err = capsys.readouterr().err
    assert "Die Datei „process.bpmn“ fehlt im Paket." in err
    assert "Unerwartete Datei „x.exe“" in err
    assert not ProcessPackage.objects.exists()
