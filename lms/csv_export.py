"""The compliance list as CSV for German Excel: `;`, UTF-8 with BOM.

Dates and numbers are formatted for the active language (German: 02.03.2027,
decimal comma), so Excel reads them as dates and numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable

from django.utils import timezone
from django.utils.formats import date_format, number_format
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
    summary: dict[str, int] | None,
    today: dt.date,
) -> None:
    """Write the header, one line per row of `compliance_rows`, and the share met.

    Without a course (no mandatory training yet) only the header is written.
    """
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Name"),
            _("Organisationseinheit"),
            _("Kurs"),
            _("Status"),
            _("Fällig am"),
            _("Abgeschlossen am"),
            _("Gültig bis"),
            _("Tage überfällig"),
        ]
    )
    if course_title is None or summary is None:
        return  # no mandatory course yet
    for row in rows:
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
        writer.writerow(
            [
                _text(row.user.get_full_name() or row.user.username),
                _text(staff.org_unit.name if staff else ""),
                _text(course_title),
                COMPLIANCE_LABELS[status],
                _date(row.due_on),
                _date(completed),
                _date(row.cert_valid_until),
                overdue,
            ]
        )
    total = summary["total"]
    share = 100 * summary["compliant"] / total if total else 0
    writer.writerow([])
    writer.writerow([_("Anteil erfüllt in %"), number_format(share, decimal_pos=1)])
