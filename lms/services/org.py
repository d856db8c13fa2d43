"""Every write of the organisation: roles, staff profiles, the CSV import.

A person's unit, job title and roles decide which assignment rules apply, so each
of these writes asks for a rule run for the people it changed (`rules_apply_queue`).
"""

import csv
import io
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from lms import roles
from lms.models.org import OrgUnit, StaffProfile
from lms.selectors.staff import administrator_ids
from lms.services.rules import rules_apply_queue

User = get_user_model()

CSV_COLUMNS = ["personalnummer", "vorname", "nachname", "email", "einheit"]
CSV_OPTIONAL_COLUMNS = ["benutzername", "funktion", "rollen"]
MAX_IMPORT_BYTES = 5 * 1024 * 1024


def user_set_roles(*, user: AbstractUser, role_names: set[str]) -> None:
    """Give a person exactly these roles (groups, admin access flags).

    Their assignment rules are applied again once the change is committed.
    """
    unknown = role_names - set(roles.ROLES)
    if unknown:
        raise ValidationError(_("Unbekannte Rolle: %s") % ", ".join(sorted(unknown)))
    with transaction.atomic():
        _roles_set(user, role_names)
        rules_apply_queue(user_ids=[user.pk])


def _roles_set(user: AbstractUser, role_names: set[str]) -> None:
    role_names = role_names | {roles.EMPLOYEE}
    wanted = {roles.GROUP_NAMES[r] for r in role_names}
    role_groups = list(Group.objects.filter(name__in=roles.GROUP_NAMES.values()))
    # Other groups (such as the course review group) are not roles: they stay.
    user.groups.remove(*[g for g in role_groups if g.name not in wanted])
    user.groups.add(*[g for g in role_groups if g.name in wanted])
    user.is_superuser = roles.ADMIN in role_names
    user.is_staff = bool(role_names & roles.STAFF_ROLES)
    user.save(update_fields=["is_superuser", "is_staff"])


def staff_profile_save(*, profile: StaffProfile) -> StaffProfile:
    """Validate and save a staff profile (new or changed unit or job title).

    Joiners and movers get the training of their new unit once committed.
    """
    with transaction.atomic():
        profile.full_clean()
        profile.save()
        rules_apply_queue(user_ids=[profile.user_id])
    return profile


@dataclass
class StaffRow:
    line: int
    personnel_number: str
    first_name: str
    last_name: str
    email: str
    unit_code: str
    username: str
    job_title: str
    role_names: set[str]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def staff_import(*, data: bytes, dry_run: bool = False, actor=None) -> ImportResult:
    """Import staff from CSV bytes (UTF-8 with or without BOM, `;` or `,`).

    Every line is validated first; if any line is bad, nothing is saved and each
    error names its line. Rows are matched by personnel number, so importing the
    same file twice changes nothing. Only an administrator (or the command line,
    `actor=None`) may grant the administrator role.
    """
    result = ImportResult(dry_run=dry_run)
    rows = _parse_staff_csv(data, result.errors)
    if rows:
        _validate_staff_rows(rows, result.errors, actor)
    if result.errors:
        return result
    with transaction.atomic():
        changed_user_ids = []
        for row in rows:
            outcome, user_id = _staff_upsert(row)
            setattr(result, outcome, getattr(result, outcome) + 1)
            if outcome != "unchanged":
                changed_user_ids.append(user_id)
        if dry_run:
            transaction.set_rollback(True)
        else:
            rules_apply_queue(user_ids=changed_user_ids)
    return result


def _parse_staff_csv(data: bytes, errors: list[str]) -> list[StaffRow]:
    if len(data) > MAX_IMPORT_BYTES:
        errors.append(_("Die Datei ist größer als 5 MB."))
        return []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        errors.append(
            _("Die Datei ist nicht UTF-8-kodiert. Speichern Sie sie als „CSV UTF-8“.")
        )
        return []
    if not text.strip():
        errors.append(_("Die Datei ist leer."))
        return []
    header_line = text.splitlines()[0]
    delimiter = ";" if header_line.count(";") >= header_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    headers = [(h or "").strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in CSV_COLUMNS if c not in headers]
    if missing:
        errors.append(
            _("Zeile 1: Es fehlen die Spalten %(missing)s. Erwartet: %(expected)s.")
            % {
                "missing": ", ".join(missing),
                "expected": ", ".join(CSV_COLUMNS + CSV_OPTIONAL_COLUMNS),
            }
        )
        return []
    reader.fieldnames = headers
    rows = []
    try:
        for record in reader:
            values = {k: (v or "").strip() for k, v in record.items() if k}
            if not any(values.values()):
                continue
            if None in record:
                errors.append(
                    _("Zeile %(line)d: mehr Felder als Spalten.")
                    % {"line": reader.line_num}
                )
                continue
            rows.append(_row_from_record(reader.line_num, values, errors))
    except csv.Error as exc:
        errors.append(_("Die Datei ist kein gültiges CSV: %s") % exc)
    return [row for row in rows if row is not None]


def _row_from_record(
    line: int, v: dict[str, str], errors: list[str]
) -> StaffRow | None:
    problems = []
    for column, label in [
        ("personalnummer", _("Personalnummer")),
        ("vorname", _("Vorname")),
        ("nachname", _("Nachname")),
        ("email", _("E-Mail")),
        ("einheit", _("Einheit")),
    ]:
        if not v.get(column):
            problems.append(_("%s fehlt") % label)
    if len(v.get("personalnummer", "")) > 20:
        problems.append(_("Personalnummer ist länger als 20 Zeichen"))
    if v.get("email"):
        try:
            validate_email(v["email"])
        except ValidationError:
            problems.append(_("„%s“ ist keine gültige E-Mail-Adresse") % v["email"])
    role_names = set()
    for raw in filter(None, (r.strip() for r in v.get("rollen", "").split("|"))):
        role = _role_from_label(raw)
        if role is None:
            problems.append(
                _("unbekannte Rolle „%(role)s“ (erlaubt: %(allowed)s)")
                % {"role": raw, "allowed": ", ".join(roles.GROUP_NAMES.values())}
            )
        else:
            role_names.add(role)
    if problems:
        errors.append(
            _("Zeile %(line)d: %(problems)s.")
            % {"line": line, "problems": "; ".join(problems)}
        )
        return None
    username = v.get("benutzername") or v["email"].split("@")[0].lower()
    return StaffRow(
        line=line,
        personnel_number=v["personalnummer"],
        first_name=v["vorname"],
        last_name=v["nachname"],
        email=v["email"].lower(),
        unit_code=v["einheit"],
        username=username,
        job_title=v.get("funktion", ""),
        role_names=role_names | {roles.EMPLOYEE},
    )


def _role_from_label(label: str) -> str | None:
    wanted = label.casefold()
    for role, group_name in roles.GROUP_NAMES.items():
        if wanted in (role, group_name.casefold()):
            return role
    return None


def _validate_staff_rows(rows: list[StaffRow], errors: list[str], actor) -> None:
    unit_codes = set(OrgUnit.objects.values_list("code", flat=True))
    numbers = [row.personnel_number for row in rows]
    owner_of_number = dict(
        StaffProfile.objects.filter(personnel_number__in=numbers).values_list(
            "personnel_number", "user_id"
        )
    )
    users = User.objects.filter(username__in=[row.username for row in rows])
    owner_of_username = {u.username: u.pk for u in users}
    admins = administrator_ids()
    may_grant_admin = actor is None or actor.is_superuser
    seen: dict[str, dict[str, int]] = {"nummer": {}, "name": {}, "email": {}}
    for row in rows:
        problems = []
        if row.unit_code not in unit_codes:
            problems.append(_("Einheit „%s“ gibt es nicht") % row.unit_code)
        for kind, value, label in [
            ("nummer", row.personnel_number, _("Personalnummer")),
            ("name", row.username, _("Benutzername")),
            ("email", row.email, _("E-Mail")),
        ]:
            if value in seen[kind]:
                problems.append(
                    _("%(label)s „%(value)s“ steht schon in Zeile %(other)d")
                    % {"label": label, "value": value, "other": seen[kind][value]}
                )
            seen[kind][value] = row.line
        own_user = owner_of_number.get(row.personnel_number)
        other = owner_of_username.get(row.username)
        if other is not None and other != own_user:
            problems.append(
                _("Benutzername „%s“ gehört schon einer anderen Person") % row.username
            )
        if not may_grant_admin and (
            roles.ADMIN in row.role_names or own_user in admins
        ):
            problems.append(
                _("die Rolle Administration vergibt oder ändert nur die Administration")
            )
        if problems:
            errors.append(
                _("Zeile %(line)d: %(problems)s.")
                % {"line": row.line, "problems": "; ".join(problems)}
            )


def _staff_upsert(row: StaffRow) -> tuple[str, int]:
    """Create or update one person: ('created', 'updated' or 'unchanged', user id)."""
    unit = OrgUnit.objects.get(code=row.unit_code)
    profile = (
        StaffProfile.objects.select_related("user", "org_unit")
        .filter(personnel_number=row.personnel_number)
        .first()
    )
    if profile is None:
        user = User(
            username=row.username,
            first_name=row.first_name,
            last_name=row.last_name,
            email=row.email,
        )
        user.set_unusable_password()
        user.full_clean()
        user.save()
        profile = StaffProfile(
            user=user,
            personnel_number=row.personnel_number,
            org_unit=unit,
            job_title=row.job_title,
        )
        profile.full_clean()
        profile.save()
        _roles_set(user, row.role_names)
        return "created", user.pk

    user = profile.user
    wanted_user: dict[str, object] = {
        "username": row.username,
        "first_name": row.first_name,
        "last_name": row.last_name,
        "email": row.email,
    }
    wanted_profile = {"org_unit_id": unit.pk, "job_title": row.job_title}
    current_roles = {
        roles.ROLE_BY_GROUP[g]
        for g in user.groups.values_list("name", flat=True)
        if g in roles.ROLE_BY_GROUP
    }
    changed = False
    for obj, wanted in [(user, wanted_user), (profile, wanted_profile)]:
        if any(getattr(obj, k) != val for k, val in wanted.items()):
            for k, val in wanted.items():
                setattr(obj, k, val)
            obj.full_clean()
            obj.save()
            changed = True
    if current_roles != row.role_names:
        _roles_set(user, row.role_names)
        changed = True
    return ("updated" if changed else "unchanged"), user.pk
