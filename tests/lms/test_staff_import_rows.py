"""Every kind of bad line is reported as "Zeile N: …" and nothing is saved.

A line that passes the check must save without a database error, so each model
limit and constraint has a case here. Run on PostgreSQL (CI) these also prove
that nothing reaches the database that PostgreSQL would refuse (NUL, overlong
values).
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from lms import roles, staff_check, staff_csv
from lms.models import StaffImportJob, StaffProfile
from lms.selectors.staff_import import staff_directory
from lms.services.staff_import import staff_import
from tests.support.factories import OrgUnitFactory, StaffProfileFactory, UserFactory

User = get_user_model()

HEADER = "personalnummer;vorname;nachname;email;einheit;benutzername;funktion;rollen\n"
GOOD_LINE = "P1;Anna;Amsel;anna@musterstadt.example;amt;;Sachbearbeitung;\n"

BAD_LINES = {
    "long first name": (
        "P2;" + "V" * 151 + ";B;b@musterstadt.example;amt;;;",
        "Zeile 3: Vorname ist länger als 150 Zeichen.",
    ),
    "long last name": (
        "P2;B;" + "N" * 151 + ";b@musterstadt.example;amt;;;",
        "Zeile 3: Nachname ist länger als 150 Zeichen.",
    ),
    "long job title": (
        "P2;B;B;b@musterstadt.example;amt;;" + "F" * 121 + ";",
        "Zeile 3: Funktion ist länger als 120 Zeichen.",
    ),
    "long personnel number": (
        "P" * 21 + ";B;B;b@musterstadt.example;amt;;;",
        "Zeile 3: Personalnummer ist länger als 20 Zeichen.",
    ),
    "long username": (
        "P2;B;B;b@musterstadt.example;amt;" + "u" * 151 + ";;",
        "Zeile 3: Benutzername ist länger als 150 Zeichen.",
    ),
    "long e-mail": (
        "P2;B;B;" + "b" * 64 + "@" + ("d" * 60 + ".") * 4 + "de;amt;;;",
        "Zeile 3: E-Mail ist länger als 254 Zeichen.",
    ),
    "e-mail longer once lower-cased": (
        "P2;B;B;" + "İ" * 100 + "@" + "d" * 60 + ".de;amt;;;",
        "Zeile 3: E-Mail ist länger als 254 Zeichen.",
    ),
    "invalid username": (
        "P2;B;B;b@musterstadt.example;amt;bernd buche!;;",
        "Zeile 3: Benutzername „bernd buche!“ enthält unzulässige Zeichen "
        "(erlaubt: Buchstaben, Ziffern und @ . + - _).",
    ),
    "username from an e-mail address with an apostrophe": (
        "P2;B;B;o'brien@musterstadt.example;amt;;;",
        "Zeile 3: Benutzername „o'brien“ (aus der E-Mail-Adresse gebildet) enthält "
        "unzulässige Zeichen (erlaubt: Buchstaben, Ziffern und @ . + - _).",
    ),
    "NUL in a name": (
        "P2;Be\x00rnd;B;b@musterstadt.example;amt;;;",
        "Zeile 3: Vorname enthält Steuerzeichen.",
    ),
    "escape character in a name": (
        "P2;B;Bu\x1bche;b@musterstadt.example;amt;;;",
        "Zeile 3: Nachname enthält Steuerzeichen.",
    ),
    "line break inside quotes": (
        'P2;"Bernd\nBuche";B;b@musterstadt.example;amt;;;',
        "Zeile 3: Vorname enthält Steuerzeichen.",
    ),
    "invalid e-mail": (
        "P2;B;B;keine-mail;amt;;;",
        "Zeile 3: „keine-mail“ ist keine gültige E-Mail-Adresse.",
    ),
    "missing value": ("P2;B;;b@musterstadt.example;amt;;;", "Zeile 3: Nachname fehlt."),
    "personnel number twice": (
        "P1;B;B;b@musterstadt.example;amt;;;",
        "Zeile 3: Personalnummer „P1“ steht schon in Zeile 2.",
    ),
    "username twice": (
        "P2;B;B;b@musterstadt.example;amt;anna;;",
        "Zeile 3: Benutzername „anna“ steht schon in Zeile 2.",
    ),
    "username twice, other case": (
        "P2;B;B;b@musterstadt.example;amt;Anna;;",
        "Zeile 3: Benutzername „Anna“ steht schon in Zeile 2.",
    ),
    "username twice after Unicode normalisation": (
        "P2;B;B;b@musterstadt.example;amt;ａｎｎａ;;",
        "Zeile 3: Benutzername „anna“ steht schon in Zeile 2.",
    ),
    "e-mail twice": (
        "P2;B;B;Anna@Musterstadt.example;amt;bernd;;",
        "Zeile 3: E-Mail „anna@musterstadt.example“ steht schon in Zeile 2.",
    ),
    "username of another account": (
        "P2;B;B;b@musterstadt.example;amt;vergeben;;",
        "Zeile 3: Benutzername „vergeben“ gehört schon einer anderen Person.",
    ),
    "username of another account, other case": (
        "P2;B;B;b@musterstadt.example;amt;VERGEBEN;;",
        "Zeile 3: Benutzername „VERGEBEN“ gehört schon einer anderen Person.",
    ),
    "unknown unit": (
        "P2;B;B;b@musterstadt.example;weg;;;",
        "Zeile 3: Einheit „weg“ gibt es nicht.",
    ),
    "unknown role": (
        "P2;B;B;b@musterstadt.example;amt;;;Chef",
        "Zeile 3: unbekannte Rolle „Chef“ (erlaubt: Beschäftigte, Schulungsteam, "
        "Amtsleitung, Personalentwicklung, Administration).",
    ),
    "more fields than columns": (
        "P2;B;B;b@musterstadt.example;amt;;;;zu viel",
        "Zeile 3: mehr Felder als Spalten.",
    ),
}


@pytest.fixture
def town(db):
    unit = OrgUnitFactory(code="amt")
    UserFactory(username="vergeben")  # an account without a staff profile
    return unit


def _nothing_saved() -> None:
    assert StaffProfile.objects.count() == 0
    assert list(User.objects.values_list("username", flat=True)) == ["vergeben"]


@pytest.mark.parametrize("line, error", BAD_LINES.values(), ids=BAD_LINES.keys())
def test_bad_line_is_reported_with_its_number_and_nothing_is_saved(town, line, error):
    data = (HEADER + GOOD_LINE + line + "\n").encode()
    for dry_run in (True, False):
        result = staff_import(data=data, dry_run=dry_run)
        assert result.errors == [error]
        assert result.error_count == 1 and not result.ok
    _nothing_saved()


def test_every_bad_line_at_once_through_the_page(
    town, client, make_person, celery_eager, django_capture_on_commit_callbacks
):
    """The hostile file of the fuzz tests: one page with every error, status 200."""
    actor = make_person(role_names={roles.TRAINING_ADMIN})
    client.force_login(actor)
    lines = [line for line, _error in BAD_LINES.values()]
    data = (HEADER + GOOD_LINE + "\n".join(lines) + "\n").encode()
    upload = SimpleUploadedFile("feindlich.csv", data, content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post("/organisation/import/", {"file": upload})
    response = client.get(posted["Location"])  # the job ran once committed
    assert response.status_code == 200
    html = response.content.decode()
    job = StaffImportJob.objects.get()
    assert job.status == StaffImportJob.FAILED
    assert job.error_count == len(BAD_LINES)
    assert "Zeile 3: Vorname ist länger als 150 Zeichen." in html
    assert "Es wurde nichts gespeichert" in html
    assert StaffProfile.objects.count() == 1  # only the person who uploaded


def test_nul_and_overlong_values_never_reach_postgresql(postgres, town):
    lines = [BAD_LINES[k][0] for k in ("NUL in a name", "long first name")]
    data = (HEADER + "\n".join(lines) + "\n").encode()
    result = staff_import(data=data)
    assert [e.split(":")[0] for e in result.errors] == ["Zeile 2", "Zeile 3"]
    _nothing_saved()


def test_error_messages_quote_values_without_control_characters_and_short():
    assert (
        staff_csv.shown("we\x00g\ud800")
        == "we\N{REPLACEMENT CHARACTER}g\N{REPLACEMENT CHARACTER}"
    )
    assert staff_csv.shown("x" * 100) == "x" * 59 + "…"


def test_lone_surrogates_are_refused_by_the_line_check(town):
    """A file read as UTF-8 cannot hold one; text from elsewhere still can."""
    row = staff_csv.StaffRow(
        line=2,
        values={
            "personalnummer": "P2",
            "vorname": "B\ud800",
            "nachname": "B",
            "email": "b@musterstadt.example",
            "einheit": "amt",
        },
    )
    staff_check.check([row], staff_directory(), may_grant_admin=True)
    assert staff_check.line_errors([row]) == ["Zeile 2: Vorname enthält Steuerzeichen."]


WORKBOOK = "Die Datei ist eine Arbeitsmappe (Excel oder LibreOffice), keine CSV-Datei."
NOT_TEXT = "Die Datei ist keine Textdatei."
NOT_UTF8 = "Die Datei ist nicht UTF-8-kodiert."

UNUSABLE_FILES = {
    "empty": (b"", "Die Datei ist leer."),
    "only blanks": (b" \r\n\r\n", "Die Datei ist leer."),
    "BOM only": ("\ufeff".encode(), "Die Datei ist leer."),
    "header only": (HEADER.encode(), "Die Datei enthält nur die Kopfzeile"),
    "missing columns": (
        b"vorname;nachname\nA;B\n",
        "Zeile 1: Es fehlen die Spalten personalnummer, email, einheit.",
    ),
    "column twice": (
        (HEADER.strip() + ";email\n" + GOOD_LINE).encode(),
        "Zeile 1: Die Spalten email kommen mehrfach vor.",
    ),
    "Windows-1252": (
        (HEADER + "P1;Jörg;M;j@m.example;amt;;;\n").encode("cp1252"),
        NOT_UTF8,
    ),
    "UTF-16 from Excel": ((HEADER + GOOD_LINE).encode("utf-16"), NOT_UTF8),
    "encoded lone surrogate": (
        HEADER.encode() + b"P1;A\xed\xa0\x80;B;a@b.example;amt;;;\n",
        NOT_UTF8,
    ),
    "xlsx workbook": (b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)), WORKBOOK),
    "xls workbook": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), WORKBOOK),
    "PNG image": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), NOT_TEXT),
    "binary with NUL": (b"\x00\x01\x02\x03personalnummer\n", NOT_TEXT),
    "too big": (HEADER.encode() + b"x" * (5 * 1024 * 1024), "größer als 5 MB"),
    "field beyond the csv module's limit": (
        (HEADER + 'P1;"' + "x" * 200_000 + '";B;a@b.example;amt;;;\n').encode(),
        "Zeile 2: Die Zeile lässt sich nicht als CSV lesen",
    ),
}


@pytest.mark.parametrize("data, message", UNUSABLE_FILES.values(), ids=UNUSABLE_FILES)
def test_unusable_file_gets_one_clear_message_and_nothing_is_saved(town, data, message):
    result = staff_import(data=data)
    assert len(result.errors) == 1 and message in result.errors[0]
    _nothing_saved()


def test_errors_are_capped_but_counted(town):
    lines = "".join(f"P{n};;B;b{n}@musterstadt.example;amt;;;\n" for n in range(600))
    result = staff_import(data=(HEADER + lines).encode())
    assert result.error_count == 600
    assert len(result.errors) == StaffImportJob.ERRORS_KEPT
    assert result.errors[0] == "Zeile 2: Vorname fehlt."


def test_a_line_that_passes_saves_at_the_limits(town):
    """Every value at its model's maximum length is accepted and stored whole."""
    line = ";".join(
        [
            "P" * 20,
            "V" * 150,
            "N" * 150,
            "m@" + "d" * 60 + ".example",
            "amt",
            "u" * 150,
            "F" * 120,
            "Schulungsteam|Amtsleitung",
        ]
    )
    result = staff_import(data=(HEADER + line + "\n").encode())
    assert result.ok and result.created == 1
    person = User.objects.get(username="u" * 150)
    assert (len(person.first_name), len(person.staff.job_title)) == (150, 120)
    assert {g.name for g in person.groups.all()} == {
        "Beschäftigte",
        "Schulungsteam",
        "Amtsleitung",
    }
    assert Group.objects.filter(name="Amtsleitung").exists()


def test_a_person_may_change_the_case_of_their_own_username(town):
    profile = StaffProfileFactory(
        personnel_number="P9", user__username="Bernd", org_unit=town
    )
    data = HEADER + "P9;B;B;b@musterstadt.example;amt;bernd;;\n"
    result = staff_import(data=data.encode())
    assert result.ok and result.updated == 1
    profile.user.refresh_from_db()
    assert profile.user.username == "bernd"
