"""Exports of the readiness table: CSV for German Excel and XLSX with an
explanation sheet. They hold exactly what the dashboard shows: the same cells,
the same suppression ("< 5", no figure)."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from analytics.charts import BARRIER_KEYS, SUPPRESSED_TEXT, barrier_labels
from analytics.formula import FORMULA_VERSION
from analytics.selectors.dashboard import Cell, ReadinessTable


def _columns() -> list[tuple[str, str]]:
    labels = barrier_labels()
    return [
        (
            _("Einheit"),
            _(
                "Organisationseinheit mit allen Untereinheiten; „Gesamt“ summiert alle Ihre Einheiten."
            ),
        ),
        (_("Kürzel"), _("Kürzel der Einheit.")),
        (_("Prozess"), _("Prozess-ID des digitalen Verfahrens.")),
        (
            _("Personen"),
            _(
                "Beschäftigte im Geltungsbereich; „< 5“: weniger als 5 Personen oder aus anderen Zeilen errechenbar – dann steht keine Zahl in der Zeile."
            ),
        ),
        (
            _("Bereitschaft"),
            _("Mittlere Bereitschaft 0–100 nach Formel Version %(v)s.")
            % {"v": FORMULA_VERSION},
        ),
        (
            _("Anteil bereit"),
            _("Anteil der Personen mit Bereitschaft ≥ 75 und ohne Hürde."),
        ),
        *[
            (
                _("Hürde %(element)s") % {"element": labels[key]},
                _("Anteil der Personen, deren erste Hürde hier liegt."),
            )
            for key in BARRIER_KEYS
        ],
        (
            _("Digitaler Anteil (8 Wochen)"),
            _(
                "Digital bearbeitete Fälle / alle Fälle der letzten 8 Wochen, von den Fachverfahren je Einheit gemeldet."
            ),
        ),
    ]


def _rows(table: ReadinessTable) -> list[list]:
    """Cells then totals; numbers as floats, suppressed figures as "< 5"."""

    def row(cell: Cell) -> list:
        name = _("Gesamt") if cell.is_total else cell.name
        if cell.suppressed:
            figures: list = [SUPPRESSED_TEXT] + [""] * (2 + len(BARRIER_KEYS))
        else:
            figures = [
                cell.n,
                round(cell.readiness, 1) if cell.readiness is not None else "",
                round(cell.ready_share, 3) if cell.ready_share is not None else "",
                *[
                    round(cell.barriers[key], 3) if cell.barriers else ""
                    for key in BARRIER_KEYS
                ],
            ]
        adoption = round(cell.adoption, 3) if cell.adoption is not None else ""
        return [name, cell.code, cell.process_id, *figures, adoption]

    return [row(c) for c in table.cells] + [row(c) for c in table.totals]


def _german(value) -> str:
    if isinstance(value, float):
        return f"{value}".replace(".", ",")
    return "" if value is None else str(value)


def readiness_csv(table: ReadinessTable) -> bytes:
    """CSV for German Excel: `;`, decimal comma, UTF-8 with BOM."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([name for name, _help in _columns()])
    for row in _rows(table):
        writer.writerow([_german(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def readiness_xlsx(table: ReadinessTable) -> bytes:
    """XLSX: the table, and a sheet explaining every column and the suppression."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Bereitschaft")
    sheet.append([name for name, _help in _columns()])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _rows(table):
        sheet.append(row)
    notes = book.create_sheet(_("Erläuterung"))
    notes.append([_("Spalte"), _("Bedeutung")])
    for name, help_text in _columns():
        notes.append([name, help_text])
    notes.append([])
    notes.append(
        [
            _("Schutz kleiner Gruppen"),
            _(
                "Gruppen unter 5 Personen zeigen „< 5“ und keine Zahl. Ließe sich eine "
                "solche Zahl aus anderen Zeilen errechnen (übergeordnete Einheit minus "
                "gezeigte Untereinheiten, Summenzeile), wird auch eine weitere Zeile "
                "ausgeblendet."
            ),
        ]
    )
    notes.append(
        [
            _("Zweck"),
            _(
                "Planung von Schulung und Einführung – nie zur Beurteilung von Personen."
            ),
        ]
    )
    notes.append([_("Formelversion"), FORMULA_VERSION])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
