"""German labels, help and display of process data, from the package's JSON Schemas.

A task's form names its fields (`title`, `description`); the optional top-level
``data_schema`` of sandbox.json does the same for the case data and the outputs of
decisions (a JSON Schema of the process data, nested like the data). Learners then
read "Name der Halterin oder des Halters", never ``halter_name``; dates
(``"format": "date"``) and amounts (``"unit": "€"``) are shown the German way.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from .manifest import data_paths


def _schema_fields(schema: Any, prefix: str = "") -> dict[str, dict]:
    fields: dict[str, dict] = {}
    properties = schema.get("properties") if isinstance(schema, dict) else None
    if not isinstance(properties, dict):
        return fields
    for name, prop in properties.items():
        if not isinstance(prop, dict):
            continue
        path = f"{prefix}{name}"
        fields[path] = prop
        fields.update(_schema_fields(prop, path + "."))
    return fields


def field_schemas(manifest: dict) -> dict[str, dict]:
    """Dotted path of process data → its JSON Schema (with title, description)."""
    fields = _schema_fields(manifest.get("data_schema"))
    for task in (manifest.get("tasks") or {}).values():
        form = task.get("form") if isinstance(task, dict) else None
        for path, prop in _schema_fields(form).items():
            fields.setdefault(path, prop)
    return fields


def label_warnings(manifest: dict) -> list[str]:
    """A sentence for every field a learner may see that has no German title."""
    fields = field_schemas(manifest)
    seen: set[str] = set()
    for task in (manifest.get("tasks") or {}).values():
        if isinstance(task, dict):
            seen |= {p for p in task.get("reads", []) if isinstance(p, str)}
            form = task.get("form")
            seen |= set(_schema_fields(form))
    for case in manifest.get("cases") or []:
        if isinstance(case, dict):
            seen |= data_paths(case.get("data"))
    return [
        _(
            "Das Feld „%(field)s“ hat keinen Titel (title in data_schema oder im "
            "Formular): Lernende sähen nur den technischen Namen."
        )
        % {"field": path}
        for path in sorted(seen)
        if not str(fields.get(path, {}).get("title") or "").strip()
    ]


def _fallback_label(key: str) -> str:
    text = str(key).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def value_display(value: Any, schema: dict | None = None) -> str:
    """A value as a German reader expects it: Ja/Nein, 23.11.1975, 1.234,50 €."""
    schema = schema or {}
    if isinstance(value, (list, tuple)):
        return ", ".join(value_display(v, schema) for v in value) or "–"
    if value is True:
        return _("Ja")
    if value is False:
        return _("Nein")
    if value is None or value == "":
        return "–"
    if isinstance(value, str) and schema.get("format") == "date":
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return value
        return formats.date_format(day, "SHORT_DATE_FORMAT")
    if isinstance(value, (int, float)):
        unit = str(schema.get("unit") or "")
        if unit == "€":
            text = formats.number_format(value, 2, use_l10n=True, force_grouping=True)
        elif isinstance(value, float) and not value.is_integer():
            text = formats.number_format(value, use_l10n=True, force_grouping=True)
        else:
            text = formats.number_format(int(value), 0, use_l10n=True)
        return f"{text} {unit}" if unit else text
    return str(value)


def data_display(data: dict, fields: dict[str, dict], prefix: str = "") -> list[dict]:
    """Process data as labelled rows (nested objects become nested rows)."""
    rows = []
    for key, value in data.items():
        path = f"{prefix}{key}"
        schema = fields.get(path, {})
        row = {
            "label": schema.get("title") or _fallback_label(key),
            "help": schema.get("description", ""),
        }
        if isinstance(value, dict):
            row["children"] = data_display(value, fields, path + ".")
        else:
            row["value"] = value_display(value, schema)
        rows.append(row)
    return rows
