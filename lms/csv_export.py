"""The compliance list as CSV for German Excel: `;`, UTF-8 with BOM.

One clean table: a header and one line per person, nothing under it (the shares
per course are in the XLSX's second sheet and on the page). Dates are formatted
for the active language (German: 02.03.2027), so Excel reads them as dates.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lms.models import Enrolment
from lms.selectors.compliance import (
    COMPLIANCE_LABELS,
    NOT_COMPLIANT_OVERDUE,
    compliance_status,
)


def _text(value: str) -> str:
    """Names come from people: never let Excel read one as a formula (CSV injection)."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _date(value: dt.date | None) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def compliance_csv_write(
    out,
    *,
    course_title: str | None,
    rows: Iterable[Enrolment],
    today: dt.date,
) -> None:
    """Write the header and one line per row of `compliance_rows`.

    Without a course (no mandatory training yet) only the header is written.
    """
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(compliance_header())
    if course_title is None:
        return  # no mandatory course yet
    for row in rows:
        values = compliance_values(row, course_title=course_title, today=today)
        writer.writerow([_cell(value) for value in values])


def _cell(value) -> str | int:
    if isinstance(value, str):
        return _text(value)
    if value is None or isinstance(value, dt.date):
        return _date(value)
    return value


def compliance_header() -> list[str]:
    """The columns of both exports."""
    return [
        _("Name"),
        _("Organisationseinheit"),
        _("Kurs"),
        _("Status"),
        _("Fällig am"),
        _("Abgeschlossen am"),
        _("Gültig bis"),
        _("Tage überfällig"),
    ]


def compliance_values(row, *, course_title: str, today: dt.date) -> list:
    """One person's line: texts, dates (or None) and the days overdue (or "")."""
    status = compliance_status(row, today=today)
    staff = getattr(row.user, "staff", None)
    overdue = (
        (today - row.due_on).days
        if status == NOT_COMPLIANT_OVERDUE and row.due_on is not None
        else ""
    )
    completed = (
        timezone.localdate(row.completed_at)
        if row.completed_at
        else row.cert_completed_on
    )
    return [
        row.user.get_full_name() or row.user.username,
        staff.org_unit.name if staff else "",
        course_title,
        str(COMPLIANCE_LABELS[status]),
        row.due_on,
        completed,
        row.cert_valid_until,
        overdue,
    ]
