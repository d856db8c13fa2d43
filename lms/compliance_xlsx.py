"""The compliance list as an Excel workbook (openpyxl).

Sheet "Nachweise": the same table as the CSV, dates as real dates. Sheet
"Übersicht": per mandatory course the counts and the share done, for the units
the list covers. Texts from people never start a formula.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from lms.csv_export import compliance_header, compliance_values

_FORMULA_START = ("=", "+", "-", "@")


def _safe(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def compliance_xlsx(
    *,
    course_title: str | None,
    rows: Iterable,
    summaries: list[tuple[str, dict[str, int]]],
    today: dt.date,
) -> bytes:
    """The workbook's bytes: the people of one course, and the shares per course."""
    workbook = Workbook(write_only=False)
    people = workbook.active
    assert people is not None
    people.title = _("Nachweise")
    people.append(compliance_header())
    for cell in people[1]:
        cell.font = Font(bold=True)
    if course_title is not None:
        for row in rows:
            values = compliance_values(row, course_title=course_title, today=today)
            people.append([_safe(v) if v != "" else None for v in values])
    for column in ("E", "F", "G"):
        for cell in people[column][1:]:
            cell.number_format = "DD.MM.YYYY"
    people.freeze_panes = "A2"

    overview = workbook.create_sheet(_("Übersicht"))
    overview.append(
        [
            _("Pflichtschulung"),
            _("Personen"),
            _("erfüllt"),
            _("offen"),
            _("überfällig"),
            _("Anteil erfüllt in %"),
        ]
    )
    for cell in overview[1]:
        cell.font = Font(bold=True)
    for title, counts in summaries:
        overview.append(
            [
                _safe(title),
                counts["total"],
                counts["compliant"],
                counts["open"],
                counts["overdue"],
                counts["percent"],
            ]
        )
    overview.append([])
    overview.append([_("Stand"), today])
    overview.cell(row=overview.max_row, column=2).number_format = "DD.MM.YYYY"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
