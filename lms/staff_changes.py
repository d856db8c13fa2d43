"""What a checked staff file will do, line by line, for the import's result page.

Pure: takes the checked rows of `lms.staff_check` and lists the people to be
created or changed with the fields that change. Kept on the job (the first
CHANGES_KEPT lines) so a dry run can show who will be created or changed.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from lms.staff_csv import StaffRow, shown

CHANGES_KEPT = 500


def _changed_fields(row: StaffRow) -> list[str]:
    person = row.person
    if person is None:
        return []
    pairs = [
        (_("Vorname"), row.first_name, person.first_name),
        (_("Nachname"), row.last_name, person.last_name),
        (_("E-Mail"), row.email, person.email),
        (_("Benutzername"), row.username, person.username),
        (_("Einheit"), row.unit_id, person.unit_id),
        (_("Funktion"), row.job_title, person.job_title),
        (_("Rollen"), row.role_names, person.role_names),
    ]
    return [str(label) for label, new, old in pairs if new != old]


def staff_changes(rows: list[StaffRow]) -> list[dict]:
    """Created and changed people in file order (at most CHANGES_KEPT)."""
    changes = []
    for row in rows:
        if row.outcome not in ("created", "updated"):
            continue
        changes.append(
            {
                "line": row.line,
                "personnel_number": shown(row.personnel_number, 20),
                "name": shown(f"{row.first_name} {row.last_name}".strip(), 120),
                "outcome": row.outcome,
                "fields": _changed_fields(row),
            }
        )
        if len(changes) >= CHANGES_KEPT:
            break
    return changes
