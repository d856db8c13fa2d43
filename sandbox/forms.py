"""HTML forms generated from a task's JSON Schema (no JavaScript needed)."""

from __future__ import annotations

import math
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from common.text import MAX_INTEGER, text_problem

from .forms_schema import type_message
from .models import SandboxRun

# What one field of a task form may hold; the API allows the same (api/serializers).
VALUE_MAX_LENGTH = 2_000


def coerce(schema: dict, post) -> tuple[dict, dict[str, str]]:
    """Turn posted strings into typed values along the schema.

    Empty fields are left out, so that "required" reports them; values that cannot
    be converted become field errors.
    """
    data: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, prop in (schema.get("properties") or {}).items():
        raw = post.get(f"field_{name}", "")
        raw = raw.strip() if isinstance(raw, str) else raw
        if raw in ("", None):
            continue
        problem = text_problem(raw, max_length=VALUE_MAX_LENGTH)
        if problem:
            errors[name] = problem
            continue
        kind = prop.get("type")
        if kind == "boolean":
            if raw in ("true", "false"):
                data[name] = raw == "true"
            else:
                errors[name] = type_message(kind)
        elif kind in ("integer", "number"):
            value = _number(raw, integer=kind == "integer")
            if value is None:
                errors[name] = type_message(kind)
            else:
                data[name] = value
        else:
            data[name] = raw
    return data, errors


def _number(raw: str, *, integer: bool) -> int | float | None:
    """A number typed into a form ("12", "12,5", "1.234,50"), or ``None`` when it
    is none or larger than any number Lotse stores."""
    try:
        if integer:
            value: int | float = int(raw)
        else:
            value = float(raw.replace(".", "").replace(",", ".") if "," in raw else raw)
    except ValueError:  # also a number with thousands of digits
        return None
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        value = int(value) if value.is_integer() else value
    return value if abs(value) <= MAX_INTEGER else None


def fields_for(
    schema: dict, values: dict | None = None, errors: dict | None = None
) -> list[dict]:
    """Descriptors the template renders as labelled inputs."""
    values = values or {}
    errors = errors or {}
    required = set(schema.get("required") or [])
    fields = []
    for name, prop in (schema.get("properties") or {}).items():
        kind = prop.get("type")
        widget = "text"
        if kind == "boolean":
            widget = "boolean"
        elif prop.get("enum"):
            widget = "select"
        elif kind in ("integer", "number"):
            widget = "number"
        value = values.get(name, "")
        if kind == "boolean" and name in values:
            value = "true" if values[name] is True else "false"
        fields.append(
            {
                "name": f"field_{name}",
                "id": f"field-{name}",
                "label": prop.get("title") or name,
                "widget": widget,
                "required": name in required,
                "choices": prop.get("enum") or [],
                "min": prop.get("minimum"),
                "max": prop.get("maximum"),
                "step": "1" if kind == "integer" else "any",
                "maxlength": prop.get("maxLength"),
                "value": "" if value is None else str(value),
                "error": errors.get(name, ""),
                "description": prop.get("description", ""),
            }
        )
    return fields


class RunStartForm(forms.Form):
    case = forms.ChoiceField(label=_("Fall"))
    mode = forms.ChoiceField(
        label=_("Modus"),
        choices=SandboxRun.Mode.choices,
        initial=SandboxRun.Mode.PRACTICE,
        widget=forms.RadioSelect,
    )
    lanes = forms.MultipleChoiceField(
        label=_("Welche Bahnen spielen Sie?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Ohne Auswahl spielen Sie alle. Schritte anderer Bahnen erledigt der "
            "Übungsraum mit den richtigen Werten."
        ),
    )

    def __init__(self, *args, package, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = [(c["id"], c["title"]) for c in package.cases]
        self.fields["lanes"].choices = [(lane, lane) for lane in package.lanes]


class PackageUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Prozesspaket (ZIP-Datei)"),
        help_text=_("process.bpmn, sandbox.json und optional decisions.dmn"),
    )


class PackageReviewForm(forms.Form):
    # Optional here: the service requires it when a version is rejected.
    comment = forms.CharField(
        label=_("Kommentar"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Das Schulungsteam sieht ihn bei der Version."),
    )
