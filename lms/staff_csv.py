"""Reading and checking a staff CSV file: pure functions, no database access.

The import service (`lms.services.staff_import`) hands in what the database holds
(a `Directory`) and gets back every line's problems and what each line would
change. Every limit and constraint of the models is checked here, line by line, so
a file that passes saves without a database error.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import CharField
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms import roles
from lms.models.org import StaffProfile

REQUIRED_COLUMNS = ["personalnummer", "vorname", "nachname", "email", "einheit"]
OPTIONAL_COLUMNS = ["benutzername", "funktion", "rollen", "ausgeschieden"]
MAX_FILE_BYTES = 5 * 1024 * 1024
ROLE_SEPARATOR = "|"

# C0 and C1 control characters (NUL, line breaks inside quotes, …) and lone
# surrogates: PostgreSQL refuses NUL, UTF-8 cannot encode a lone surrogate, and
# none of them belongs in a name.
_FORBIDDEN_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_USERNAME_PATTERN = re.compile(UnicodeUsernameValidator.regex)
# Workbooks (xlsx/ods are zip files, xls an OLE file) and other binary formats.
_WORKBOOK_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
_BINARY_SIGNATURES = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b")


def column_labels() -> dict[str, str]:
    """Column → its name in error messages (in the current language)."""
    return {
        "personalnummer": _("Personalnummer"),
        "vorname": _("Vorname"),
        "nachname": _("Nachname"),
        "email": _("E-Mail"),
        "einheit": _("Einheit"),
        "benutzername": _("Benutzername"),
        "funktion": _("Funktion"),
        "rollen": _("Rollen"),
        "ausgeschieden": _("Ausgeschieden"),
    }


@cache
def max_lengths() -> dict[str, int]:
    """Column → the max_length of the model field it is saved in."""
    user = get_user_model()._meta
    profile = StaffProfile._meta
    fields = {
        "personalnummer": profile.get_field("personnel_number"),
        "vorname": user.get_field("first_name"),
        "nachname": user.get_field("last_name"),
        "email": user.get_field("email"),
        "benutzername": user.get_field("username"),
        "funktion": profile.get_field("job_title"),
    }
    lengths = {}
    for column, model_field in fields.items():
        assert isinstance(model_field, CharField) and model_field.max_length
        lengths[column] = model_field.max_length
    return lengths


def column_help() -> list[dict]:
    """The columns as the import page documents them."""
    lengths = max_lengths()
    described = [
        ("personalnummer", True, gettext_lazy("erkennt die Person bei jedem Import")),
        ("vorname", True, ""),
        ("nachname", True, ""),
        ("email", True, gettext_lazy("eine Adresse je Person")),
        ("einheit", True, gettext_lazy("Kürzel der Organisationseinheit")),
        (
            "benutzername",
            False,
            gettext_lazy(
                "Buchstaben, Ziffern und @ . + - _; leer: der Teil der E-Mail-Adresse "
                "vor dem @"
            ),
        ),
        ("funktion", False, gettext_lazy("z. B. Sachbearbeitung")),
        (
            "rollen",
            False,
            gettext_lazy("mehrere mit | trennen: %(roles)s")
            % {"roles": ", ".join(roles.GROUP_NAMES.values())},
        ),
        (
            "ausgeschieden",
            False,
            gettext_lazy(
                "Datum des Ausscheidens (TT.MM.JJJJ): die Person kann sich nicht mehr "
                "anmelden; leer: keine Änderung"
            ),
        ),
    ]
    return [
        {"name": name, "required": required, "text": text, "max": lengths.get(name)}
        for name, required, text in described
    ]


def template_csv() -> bytes:
    """Header and one example line, as Excel opens it: `;`, CRLF, UTF-8 with BOM."""
    example = [
        "P0001",
        "Erika",
        "Mustermann",
        "erika.mustermann@musterstadt.example",
        "buergerbuero",
        "",
        "Sachbearbeitung",
        roles.GROUP_NAMES[roles.EMPLOYEE],
        "",
    ]
    header = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
    return ("\ufeff" + ";".join(header) + "\r\n" + ";".join(example) + "\r\n").encode()


@dataclass(frozen=True)
class Person:
    """What the database holds about one person with a staff profile."""

    user_id: int
    profile_id: int
    username: str
    first_name: str
    last_name: str
    email: str
    is_superuser: bool
    is_staff: bool
    unit_id: int
    job_title: str
    role_names: frozenset[str]
    left_on: dt.date | None = None

    @property
    def is_admin(self) -> bool:
        return self.is_superuser or roles.ADMIN in self.role_names


@dataclass
class Directory:
    """The database's side of the check, prefetched once by the service."""

    unit_ids: dict[str, int]  # unit code → id
    people: dict[str, Person]  # personnel number → person
    username_owners: dict[str, set[int]]  # case-folded username → user ids


@dataclass
class StaffRow:
    """One line of the file: its values, its problems, what saving it changes."""

    line: int
    values: dict[str, str]
    problems: list[str] = field(default_factory=list)
    unusable: set[str] = field(default_factory=set)  # columns already reported
    personnel_number: str = ""
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    username: str = ""
    job_title: str = ""
    role_names: frozenset[str] = frozenset()
    left_on: dt.date | None = None
    unit_id: int = 0
    person: Person | None = None
    outcome: str = ""  # "created", "updated" or "unchanged" once checked
    user_changed: bool = False
    profile_changed: bool = False
    roles_changed: bool = False
    left_changed: bool = False

    @property
    def is_admin(self) -> bool:
        return roles.ADMIN in self.role_names


def shown(value: str, limit: int = 60) -> str:
    """A value as an error message may quote it: no control characters, short."""
    value = _FORBIDDEN_CHARACTERS.sub("\N{REPLACEMENT CHARACTER}", value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def parse(data: bytes) -> tuple[list[StaffRow], str | None]:
    """The lines of a CSV file (UTF-8 with or without BOM, `;` or `,`).

    Returns the rows, or no rows and one German message when the file as a whole
    cannot be read (too big, empty, not UTF-8, a workbook, missing columns).
    """
    if len(data) > MAX_FILE_BYTES:
        return [], _("Die Datei ist größer als 5 MB.")
    if data.startswith(_WORKBOOK_SIGNATURES):
        return [], _(
            "Die Datei ist eine Arbeitsmappe (Excel oder LibreOffice), keine CSV-Datei. "
            "Speichern Sie sie mit „Speichern unter“ als „CSV UTF-8“."
        )
    first_line = data.split(b"\n", 1)[0]
    if data.startswith(_BINARY_SIGNATURES) or (
        b"\x00" in first_line and not first_line.startswith((b"\xff\xfe", b"\xfe\xff"))
    ):
        return [], _(
            "Die Datei ist keine Textdatei. Laden Sie eine CSV-Datei hoch "
            "(in Excel: „Speichern unter“ → „CSV UTF-8“)."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], _(
            "Die Datei ist nicht UTF-8-kodiert. Speichern Sie sie als „CSV UTF-8“."
        )
    if not text.strip():
        return [], _("Die Datei ist leer.")
    header_line = text.splitlines()[0]
    delimiter = ";" if header_line.count(";") >= header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = [h.strip().lower() for h in next(reader)]
    except csv.Error:
        headers = []
    missing = [c for c in REQUIRED_COLUMNS if c not in headers]
    if missing:
        return [], _(
            "Zeile 1: Es fehlen die Spalten %(missing)s. Erwartet: %(expected)s."
        ) % {
            "missing": ", ".join(missing),
            "expected": ", ".join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS),
        }
    doubled = sorted({h for h in headers if h and headers.count(h) > 1})
    if doubled:
        return [], _("Zeile 1: Die Spalten %s kommen mehrfach vor.") % ", ".join(
            shown(h) for h in doubled
        )
    rows = []
    line = reader.line_num + 1  # where the next record starts (quotes span lines)
    try:
        for record in reader:
            if any(value.strip() for value in record):
                values = {
                    h: v.strip() for h, v in zip(headers, record, strict=False) if h
                }
                row = StaffRow(line=line, values=values)
                if any(v.strip() for v in record[len(headers) :]):
                    row.problems.append(_("mehr Felder als Spalten"))
                rows.append(row)
            line = reader.line_num + 1
    except csv.Error:
        return [], _(
            "Zeile %d: Die Zeile lässt sich nicht als CSV lesen (ein sehr langes Feld "
            "oder ein Anführungszeichen ohne Gegenstück)."
        ) % (line)
    if not rows:
        return [], _("Die Datei enthält nur die Kopfzeile, keine Beschäftigten.")
    return rows, None


def check_fields(row: StaffRow, labels: dict[str, str]) -> None:
    """Check one line on its own: required values, characters, lengths, formats.

    `labels` are the columns' names as `column_labels()` gives them.
    """
    lengths, v, problems = max_lengths(), row.values, row.problems
    unusable = row.unusable  # one problem per value is enough
    for column in labels:
        value = v.get(column, "")
        if column == "email":
            value = value.lower()  # as saved: "İ" becomes two characters
        problem = None
        if not value and column in REQUIRED_COLUMNS:
            problem = _("%s fehlt") % labels[column]
        elif _FORBIDDEN_CHARACTERS.search(value):
            problem = _("%s enthält Steuerzeichen") % labels[column]
        elif column in lengths and len(value) > lengths[column]:
            problem = _("%(label)s ist länger als %(max)d Zeichen") % {
                "label": labels[column],
                "max": lengths[column],
            }
        if problem:
            problems.append(problem)
            unusable.add(column)
    email_ok = "email" not in unusable and _email_valid(v["email"])
    if "email" not in unusable and not email_ok:
        problems.append(_("„%s“ ist keine gültige E-Mail-Adresse") % shown(v["email"]))
    row.personnel_number = v.get("personalnummer", "")
    row.first_name = v.get("vorname", "")
    row.last_name = v.get("nachname", "")
    row.email = v.get("email", "").lower()
    row.job_title = v.get("funktion", "")
    given = v.get("benutzername", "")
    # Django normalises usernames to NFKC when it saves them; so do we, before
    # checking length, characters and uniqueness.
    row.username = unicodedata.normalize("NFKC", given or row.email.split("@")[0])
    checkable = (given and "benutzername" not in unusable) or (not given and email_ok)
    if not (checkable and _username_valid(row, derived=not given)):
        row.username = ""  # nothing to compare with other lines or accounts
    role_names = {roles.EMPLOYEE}
    labels_given = "" if "rollen" in unusable else v.get("rollen", "")
    for raw in filter(None, (r.strip() for r in labels_given.split(ROLE_SEPARATOR))):
        role = _role_from_label(raw)
        if role is None:
            problems.append(
                _("unbekannte Rolle „%(role)s“ (erlaubt: %(allowed)s)")
                % {"role": shown(raw), "allowed": ", ".join(roles.GROUP_NAMES.values())}
            )
        else:
            role_names.add(role)
    row.role_names = frozenset(role_names)
    left = "" if "ausgeschieden" in unusable else v.get("ausgeschieden", "")
    if left:
        row.left_on = _date_from(left)
        if row.left_on is None:
            problems.append(
                _("Ausgeschieden „%s“ ist kein Datum (TT.MM.JJJJ)") % shown(left)
            )


def _date_from(value: str) -> dt.date | None:
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def _email_valid(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def _username_valid(row: StaffRow, *, derived: bool) -> bool:
    limit = max_lengths()["benutzername"]
    if len(row.username) <= limit and _USERNAME_PATTERN.match(row.username):
        return True
    note = _(" (aus der E-Mail-Adresse gebildet)") if derived else ""
    if len(row.username) > limit:
        row.problems.append(
            _("Benutzername%(note)s ist länger als %(max)d Zeichen")
            % {"note": note, "max": limit}
        )
    else:
        row.problems.append(
            _(
                "Benutzername „%(name)s“%(note)s enthält unzulässige Zeichen "
                "(erlaubt: Buchstaben, Ziffern und @ . + - _)"
            )
            % {"name": shown(row.username), "note": note}
        )
    return False


def _role_from_label(label: str) -> str | None:
    wanted = label.casefold()
    for role, group_name in roles.GROUP_NAMES.items():
        if wanted in (role, group_name.casefold()):
            return role
    return None
