"""CSV import of staff: all-or-nothing, line numbers in German, idempotent."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from lms import roles
from lms.models import StaffProfile
from lms.selectors.org import user_roles
from lms.services.org import staff_import
from tests.support.factories import OrgUnitFactory

User = get_user_model()

HEADER = "personalnummer;vorname;nachname;email;einheit;funktion;rollen\n"
GOOD = (
    HEADER
    + "P100;Anna;Amsel;anna.amsel@musterstadt.example;amt;Sachbearbeitung;\n"
    + "P101;Bernd;Buche;bernd.buche@musterstadt.example;amt;Teamleitung;Amtsleitung\n"
    + "P102;Clara;Cedernholz;clara@musterstadt.example;fin;;Schulungsteam|Personalentwicklung\n"
)


@pytest.fixture
def units(db):
    return OrgUnitFactory(code="amt"), OrgUnitFactory(code="fin")


def test_good_file_creates_people_with_roles(units):
    result = staff_import(data=GOOD.encode())
    assert result.ok and (result.created, result.updated, result.unchanged) == (3, 0, 0)
    clara = User.objects.get(username="clara")
    assert clara.staff.org_unit.code == "fin"
    assert user_roles(clara) == {roles.EMPLOYEE, roles.TRAINER, roles.TRAINING_ADMIN}
    assert clara.is_staff and not clara.is_superuser
    assert not clara.has_usable_password()  # first login through password reset


def test_bad_lines_are_reported_with_numbers_and_nothing_is_saved(units):
    data = (
        GOOD
        + "P103;Dora;;dora@musterstadt.example;amt;;\n"
        + "P104;Emil;Esche;keine-mail;nirgendwo;;Chef\n"
        + "P100;Anna;Doppelt;anna2@musterstadt.example;amt;;\n"
    )
    result = staff_import(data=data.encode())
    assert not result.ok
    assert result.errors[0] == "Zeile 5: Nachname fehlt."
    assert result.errors[1].startswith(
        "Zeile 6: „keine-mail“ ist keine gültige E-Mail-Adresse"
    )
    assert "unbekannte Rolle „Chef“" in result.errors[1]
    assert result.errors[2].startswith(
        "Zeile 7: Personalnummer „P100“ steht schon in Zeile 2"
    )
    assert StaffProfile.objects.count() == 0
    assert User.objects.count() == 0


def test_unknown_unit_is_reported(units):
    result = staff_import(data=(HEADER + "P1;A;B;a@b.example;weg;;\n").encode())
    assert result.errors == ["Zeile 2: Einheit „weg“ gibt es nicht."]


def test_reimport_changes_nothing_and_a_changed_line_updates(units):
    staff_import(data=GOOD.encode())
    again = staff_import(data=GOOD.encode())
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    moved = GOOD.replace(
        "P100;Anna;Amsel;anna.amsel@musterstadt.example;amt",
        "P100;Anna;Amsel;anna.amsel@musterstadt.example;fin",
    )
    result = staff_import(data=moved.encode())
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert StaffProfile.objects.get(personnel_number="P100").org_unit.code == "fin"
    assert StaffProfile.objects.count() == 3


def test_excel_utf8_with_bom_and_comma_separator(units):
    data = "\ufeff" + GOOD.replace(";", ",")
    result = staff_import(data=data.encode("utf-8"))
    assert result.ok and result.created == 3
    assert User.objects.get(username="anna.amsel").first_name == "Anna"


def test_umlauts_survive(units):
    data = HEADER + "P9;Jörg;Müßig;joerg@musterstadt.example;amt;Prüfer;\n"
    staff_import(data=data.encode("utf-8-sig"))
    assert User.objects.get(username="joerg").last_name == "Müßig"


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "Die Datei ist leer."),
        (
            b"vorname;nachname\nA;B\n",
            "Zeile 1: Es fehlen die Spalten personalnummer",
        ),
        (
            (HEADER + "P1;Jörg;Müller;j@m.example;amt;;\n").encode("cp1252"),
            "nicht UTF-8",
        ),
    ],
)
def test_unusable_files_get_a_clear_message(units, data, message):
    result = staff_import(data=data)
    assert not result.ok and message in result.errors[0]


def test_dry_run_saves_nothing(units):
    result = staff_import(data=GOOD.encode(), dry_run=True)
    assert result.ok and result.created == 3
    assert StaffProfile.objects.count() == 0


def test_training_admin_cannot_grant_administrator(units, make_person):
    actor = make_person(role_names={roles.TRAINING_ADMIN})
    data = HEADER + "P7;Eve;Evil;eve@musterstadt.example;amt;;Administration\n"
    result = staff_import(data=data.encode(), actor=actor)
    assert (
        "Administration vergibt oder ändert nur die Administration" in result.errors[0]
    )
    assert not User.objects.filter(username="eve").exists()


def test_command_line_import_and_dry_run(units, tmp_path, capsys):
    path = tmp_path / "staff.csv"
    path.write_bytes(GOOD.encode())
    call_command("import_staff", str(path), "--dry-run")
    assert StaffProfile.objects.count() == 0
    call_command("import_staff", str(path))
    assert StaffProfile.objects.count() == 3
    assert "3 neu" not in capsys.readouterr().err


def test_command_line_reports_bad_lines(units, tmp_path, capsys):
    path = tmp_path / "staff.csv"
    path.write_bytes((HEADER + "P1;;B;a@b.example;amt;;\n").encode())
    with pytest.raises(CommandError, match="nichts gespeichert"):
        call_command("import_staff", str(path))
    assert "Zeile 2: Vorname fehlt." in capsys.readouterr().err


def test_upload_page_imports_for_training_admin(client, units, make_person):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(make_person(role_names={roles.TRAINING_ADMIN}))
    upload = SimpleUploadedFile("staff.csv", GOOD.encode(), content_type="text/csv")
    response = client.post("/organisation/import/", {"file": upload}, follow=True)
    assert "Import gespeichert: 3 neu" in response.content.decode()
    assert StaffProfile.objects.count() == 4


def test_upload_page_lists_errors(client, units, make_person):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(make_person(role_names={roles.TRAINING_ADMIN}))
    upload = SimpleUploadedFile("staff.csv", (HEADER + "P1;;B;x;amt;;\n").encode())
    html = client.post("/organisation/import/", {"file": upload}).content.decode()
    assert "Es wurde nichts gespeichert" in html
    assert "Zeile 2: Vorname fehlt" in html
