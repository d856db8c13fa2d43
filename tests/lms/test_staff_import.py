"""CSV import of staff: all-or-nothing, line numbers in German, idempotent.

Every kind of bad line: test_staff_import_rows.py; upload page and background
jobs: test_staff_import_jobs.py.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms import roles
from lms.models import StaffProfile
from lms.selectors.org import user_roles
from lms.services.staff_import import staff_import
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
    # Training admins work on Lotse's pages; only administrators enter /admin/.
    assert not clara.is_staff and not clara.is_superuser
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


def _writes(queries) -> list[str]:
    verbs = ("INSERT", "UPDATE", "DELETE")
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(verbs)]


def test_dry_run_and_reimport_write_nothing_at_all(units):
    staff_import(data=GOOD.encode())
    with CaptureQueriesContext(connection) as dry:
        staff_import(
            data=GOOD.replace("amt;Sachbearbeitung", "fin;").encode(), dry_run=True
        )
    with CaptureQueriesContext(connection) as again:
        assert staff_import(data=GOOD.encode()).unchanged == 3
    assert _writes(dry.captured_queries) == []
    assert _writes(again.captured_queries) == []


def _lines(count: int, start: int = 0) -> bytes:
    return (
        HEADER
        + "".join(
            f"N{n};Vor{n};Nach{n};n{n}@musterstadt.example;amt;;Schulungsteam\n"
            for n in range(start, start + count)
        )
    ).encode()


def test_queries_grow_with_batches_not_with_lines(units):
    """300 lines: a few reads, then a few batched writes (not several per line)."""
    with CaptureQueriesContext(connection) as created:
        assert staff_import(data=_lines(300)).created == 300
    with CaptureQueriesContext(connection) as changed:
        result = staff_import(data=_lines(300).replace(b";amt;", b";fin;"))
    assert result.updated == 300
    assert len(created.captured_queries) < 40
    assert len(changed.captured_queries) < 40


def test_role_change_keeps_groups_that_are_not_roles(units):
    staff_import(data=GOOD.encode())
    anna = User.objects.get(username="anna.amsel")
    # The lead trainers' group exists after every migrate (lms.roles).
    reviewers, _created = Group.objects.get_or_create(name="Schulungsleitung")
    anna.groups.add(reviewers)
    changed = GOOD.replace("Sachbearbeitung;", "Sachbearbeitung;Schulungsteam")
    assert staff_import(data=changed.encode()).updated == 1
    assert set(anna.groups.values_list("name", flat=True)) == {
        "Beschäftigte",
        "Schulungsteam",
        "Schulungsleitung",
    }
    assert user_roles(User.objects.get(pk=anna.pk)) == {roles.EMPLOYEE, roles.TRAINER}


def test_training_admin_cannot_change_an_administrator_account(units, make_person):
    admin = make_person(
        role_names={roles.ADMIN},
        username="it.admin",
        first_name="Ida",
        last_name="Admin",
        email="it.admin@musterstadt.example",
        unit=units[0],
    )
    number = admin.staff.personnel_number
    actor = make_person(role_names={roles.TRAINING_ADMIN})
    same = f"{number};Ida;Admin;it.admin@musterstadt.example;amt;Sachbearbeitung;"
    # A full staff list names the administrators too: unchanged lines are fine.
    result = staff_import(
        data=(HEADER + same + "Administration\n").encode(), actor=actor
    )
    assert result.ok and result.unchanged == 1
    for line in [
        same.replace("Ida;", "Eve;") + "Administration",  # renamed
        same,  # the administrator role taken away
        same.replace(";amt;", ";fin;") + "Administration",  # moved
    ]:
        result = staff_import(data=(HEADER + line + "\n").encode(), actor=actor)
        assert result.errors == [
            "Zeile 2: die Rolle Administration vergibt oder ändert nur die "
            "Administration."
        ]
    admin.refresh_from_db()
    assert (admin.first_name, admin.is_superuser) == ("Ida", True)
    assert admin.staff.org_unit == units[0]
    # An administrator may.
    boss = make_person(role_names={roles.ADMIN})
    assert staff_import(data=(HEADER + same + "\n").encode(), actor=boss).updated == 1
    admin.refresh_from_db()
    assert not admin.is_superuser
