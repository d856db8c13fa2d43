"""Checking staff lines against each other and the database: pure functions.

`lms.staff_csv` reads the file and checks each line on its own; here every line
is also compared with the other lines (duplicates) and with what the database
holds (a `Directory` the import service prefetched): unknown units, usernames of
other people, administrator accounts. A line that passes gets its outcome:
created, updated or unchanged.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from lms import staff_csv
from lms.staff_csv import Directory, StaffRow

PROGRESS_EVERY = 1000


def check(
    rows: list[StaffRow],
    directory: Directory,
    *,
    may_grant_admin: bool,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Check every row against the models' rules, the other rows and the directory.

    Adds each problem to its row; a row without problems gets its `outcome`.
    Only an administrator (`may_grant_admin`) may grant the administrator role or
    change an administrator's account.
    """
    labels = staff_csv.column_labels()
    seen: dict[str, dict[str, int]] = {
        "personalnummer": {},
        "benutzername": {},
        "email": {},
    }
    for done, row in enumerate(rows, start=1):
        if not row.problems:  # a line with too many fields is not read further
            staff_csv.check_fields(row, labels)
            _check_against_others(row, directory, seen, labels)
            if not row.problems:
                _compare(row)
                if not may_grant_admin and _touches_admin(row):
                    row.problems.append(
                        _(
                            "die Rolle Administration vergibt oder ändert nur die "
                            "Administration"
                        )
                    )
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == len(rows)):
            progress(done)


def line_errors(rows: list[StaffRow]) -> list[str]:
    """'Zeile N: problem; problem.' for every row with problems, in file order."""
    return [
        _("Zeile %(line)d: %(problems)s.")
        % {"line": row.line, "problems": "; ".join(row.problems)}
        for row in rows
        if row.problems
    ]


def _check_against_others(
    row: StaffRow,
    directory: Directory,
    seen: dict[str, dict[str, int]],
    labels: dict[str, str],
) -> None:
    problems, v = row.problems, row.values
    unit_code = v.get("einheit", "")
    if (
        unit_code
        and "einheit" not in row.unusable
        and unit_code not in directory.unit_ids
    ):
        problems.append(_("Einheit „%s“ gibt es nicht") % staff_csv.shown(unit_code))
    row.unit_id = directory.unit_ids.get(unit_code, 0)
    # Usernames differing only in case would confuse logins (and Django's own
    # forms refuse them), so they count as the same name.
    for kind, key, value in [
        ("personalnummer", row.personnel_number, row.personnel_number),
        ("benutzername", row.username.casefold(), row.username),
        ("email", row.email.casefold(), row.email),
    ]:
        if not key:
            continue
        first = seen[kind].setdefault(key, row.line)
        if first != row.line:
            problems.append(
                _("%(label)s „%(value)s“ steht schon in Zeile %(other)d")
                % {
                    "label": labels[kind],
                    "value": staff_csv.shown(value),
                    "other": first,
                }
            )
    row.person = directory.people.get(row.personnel_number)
    own = row.person.user_id if row.person else None
    owners = directory.username_owners.get(row.username.casefold(), set())
    if row.username and owners - {own}:
        problems.append(
            _("Benutzername „%s“ gehört schon einer anderen Person")
            % staff_csv.shown(row.username)
        )


def _compare(row: StaffRow) -> None:
    person = row.person
    if person is None:
        row.outcome = "created"
        return
    row.user_changed = (row.username, row.first_name, row.last_name, row.email) != (
        person.username,
        person.first_name,
        person.last_name,
        person.email,
    )
    row.profile_changed = (row.unit_id, row.job_title) != (
        person.unit_id,
        person.job_title,
    )
    row.roles_changed = row.role_names != person.role_names
    # A leaving date is set by a value; an empty cell changes nothing.
    row.left_changed = row.left_on is not None and row.left_on != person.left_on
    changed = (
        row.user_changed or row.profile_changed or row.roles_changed or row.left_changed
    )
    row.outcome = "updated" if changed else "unchanged"


def _touches_admin(row: StaffRow) -> bool:
    """Would saving this row grant the administrator role or change an admin?"""
    if row.outcome == "unchanged":
        return False
    return row.is_admin or (row.person is not None and row.person.is_admin)
