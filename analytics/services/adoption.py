"""Adoption figures reported by production systems (API) or uploaded as CSV.

All or nothing: every row is checked first; one bad row and nothing is stored.
Re-sending a unit's process and week replaces its figures (idempotent).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from analytics.chart_cache import dashboard_charts_invalidate
from analytics.models import AdoptionFigure, Initiative
from lms.selectors.readiness import org_units_plain
from sandbox import selectors as sandbox

WEEK_PATTERN = re.compile(r"^(\d{4})-W(\d{2})$")
CSV_COLUMNS = ("org_unit", "process", "week", "digital", "total")
MAX_ROWS = 20000


class AdoptionError(Exception):
    """Rows that were refused: ``errors`` maps a row index (0-based) to field errors."""

    def __init__(self, errors: dict[int, dict[str, str]]):
        super().__init__("invalid adoption figures")
        self.errors = errors


def week_start(week: str) -> dt.date | None:
    """The Monday of an ISO week written "2026-W48", or None if there is no such week."""
    match = WEEK_PATTERN.match(week or "")
    if not match:
        return None
    try:
        return dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        return None


def known_processes() -> set[str]:
    """Process ids that figures may be reported for: live sandbox processes and
    those named by an initiative."""
    ids = {package.process_id for package in sandbox.process_list()}
    for process_ids in Initiative.objects.values_list("process_ids", flat=True):
        ids.update(p for p in process_ids if isinstance(p, str))
    return ids


def _count(value, label: str) -> tuple[int | None, str | None]:
    if isinstance(value, bool):
        return None, _("%(label)s muss eine ganze Zahl sein.") % {"label": label}
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,9}\s*", value):
        value = int(value)
    if not isinstance(value, int):
        return None, _("%(label)s muss eine ganze Zahl sein.") % {"label": label}
    if value < 0:
        return None, _("%(label)s darf nicht negativ sein.") % {"label": label}
    if value > 10_000_000:
        return None, _("%(label)s ist unplausibel groß.") % {"label": label}
    return value, None


def adoption_rows_check(
    rows: list, *, lines: list[int] | None = None
) -> tuple[list[dict], dict[int, dict[str, str]]]:
    """Check every row; returns the clean rows and the errors per row index.
    ``lines`` numbers the rows as the person sees them (CSV lines)."""
    units = {unit["code"]: unit["id"] for unit in org_units_plain()}
    processes = known_processes()
    clean: list[dict] = []
    errors: dict[int, dict[str, str]] = {}
    seen: dict[tuple[str, str, str], int] = {}
    for index, row in enumerate(rows):
        problems: dict[str, str] = {}
        if not isinstance(row, dict):
            errors[index] = {"non_field_errors": _("Jede Zeile muss ein Objekt sein.")}
            continue
        code = row.get("org_unit")
        process = row.get("process")
        week = row.get("week")
        if not isinstance(code, str) or code not in units:
            problems["org_unit"] = _("Unbekannte Organisationseinheit „%(code)s“.") % {
                "code": str(code)[:40]
            }
        if not isinstance(process, str) or process not in processes:
            problems["process"] = _("Unbekannter Prozess „%(process)s“.") % {
                "process": str(process)[:100]
            }
        monday = week_start(week) if isinstance(week, str) else None
        if monday is None:
            problems["week"] = _(
                "Die Kalenderwoche muss wie 2026-W48 geschrieben sein und existieren."
            )
        digital, problem = _count(row.get("digital"), _("Digital"))
        if problem:
            problems["digital"] = problem
        total, problem = _count(row.get("total"), _("Gesamt"))
        if problem:
            problems["total"] = problem
        if digital is not None and total is not None and digital > total:
            problems["digital"] = _("Digital kann nicht größer als gesamt sein.")
        key = (str(code), str(process), str(week))
        if not problems and key in seen:
            problems["week"] = _(
                "Diese Woche steht für Einheit und Prozess schon in Zeile %(line)s."
            ) % {"line": lines[seen[key]] if lines else seen[key] + 1}
        if problems:
            errors[index] = problems
            continue
        seen[key] = index
        clean.append(
            {
                "org_unit_id": units[code],
                "process_id": process,
                "week": week,
                "week_start": monday,
                "digital": digital,
                "total": total,
            }
        )
    return clean, errors


def adoption_figures_report(*, rows: list) -> int:
    """Store a batch of figures (replacing the same unit, process and week), or
    raise AdoptionError and store nothing. Returns the number of rows stored."""
    if not isinstance(rows, list) or not rows:
        raise AdoptionError({0: {"non_field_errors": _("Die Liste ist leer.")}})
    if len(rows) > MAX_ROWS:
        raise AdoptionError(
            {0: {"non_field_errors": _("Höchstens 20000 Zeilen auf einmal.")}}
        )
    clean, errors = adoption_rows_check(rows)
    if errors:
        raise AdoptionError(errors)
    now = timezone.now()
    with transaction.atomic():
        AdoptionFigure.objects.bulk_create(
            [AdoptionFigure(reported_at=now, **row) for row in clean],
            update_conflicts=True,
            unique_fields=["org_unit", "process_id", "week"],
            update_fields=["digital", "total", "week_start", "reported_at"],
            batch_size=2000,
        )
        dashboard_charts_invalidate()
    return len(clean)


def adoption_csv_rows(data: bytes) -> tuple[list[dict[str, Any] | None], list[str]]:
    """Parse an uploaded CSV (``;`` or ``,``, UTF-8 with or without BOM) into
    rows; returns (rows, messages "Zeile N: …" for lines that cannot be read)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [_("Die Datei ist nicht in UTF-8 gespeichert.")]
    lines = text.splitlines()
    if not lines:
        return [], [_("Die Datei ist leer.")]
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader, [])]
    if tuple(header) != CSV_COLUMNS:
        return [], [
            _("Zeile 1: Die Spalten müssen %(columns)s heißen.")
            % {"columns": ", ".join(CSV_COLUMNS)}
        ]
    rows: list[dict[str, Any] | None] = []
    messages: list[str] = []
    for line_number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(CSV_COLUMNS):
            messages.append(
                _("Zeile %(line)s: Es werden genau %(count)s Spalten erwartet.")
                % {"line": line_number, "count": len(CSV_COLUMNS)}
            )
            rows.append(None)
            continue
        row: dict[str, Any] = dict(
            zip(CSV_COLUMNS, (v.strip() for v in values), strict=True)
        )
        row["_line"] = line_number
        rows.append(row)
    return rows, messages


def adoption_csv_import(*, data: bytes) -> tuple[int, list[str]]:
    """Import an uploaded CSV all or nothing: (rows stored, []) or (0, messages
    "Zeile N: …" for every bad line)."""
    rows, messages = adoption_csv_rows(data)
    if messages and not any(rows):
        return 0, messages
    readable = [r for r in rows if r is not None]
    if not readable and not messages:
        return 0, [_("Die Datei enthält keine Zahlen.")]
    clean_input = [{k: v for k, v in r.items() if k != "_line"} for r in readable]
    _clean, errors = adoption_rows_check(
        clean_input, lines=[r["_line"] for r in readable]
    )
    for index, problems in sorted(errors.items()):
        line = readable[index]["_line"]
        for problem in problems.values():
            messages.append(
                _("Zeile %(line)s: %(problem)s") % {"line": line, "problem": problem}
            )
    if messages:
        messages.sort(key=_line_of)
        return 0, messages
    return adoption_figures_report(rows=clean_input), []


def _line_of(message: str) -> int:
    match = re.search(r"(\d+)", message)
    return int(match[1]) if match else 0
