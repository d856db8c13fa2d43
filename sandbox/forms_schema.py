"""Validation of submitted task data against a task's JSON Schema, with messages
in the active language."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator


@lru_cache(maxsize=512)
def _validator(schema_json: str) -> Draft202012Validator:
    import json

    return Draft202012Validator(json.loads(schema_json))


def type_message(kind: str) -> str:
    """What to enter for a field of this JSON Schema type."""
    return {
        "integer": _("Bitte geben Sie eine ganze Zahl ein."),
        "number": _("Bitte geben Sie eine Zahl ein."),
        "boolean": _("Bitte wählen Sie Ja oder Nein."),
        "string": _("Bitte geben Sie einen Text ein."),
    }.get(kind, _("Der Wert hat den falschen Typ."))


def _message(error) -> str:
    kind = error.validator
    value = error.validator_value
    if kind == "required":
        return _("Bitte füllen Sie dieses Feld aus.")
    if kind == "type":
        return type_message(value if isinstance(value, str) else "")
    if kind == "enum":
        return _("Bitte wählen Sie einen der angebotenen Werte.")
    if kind == "minimum":
        return _("Der Wert muss mindestens %(limit)s sein.") % {"limit": value}
    if kind == "maximum":
        return _("Der Wert darf höchstens %(limit)s sein.") % {"limit": value}
    if kind == "exclusiveMinimum":
        return _("Der Wert muss größer als %(limit)s sein.") % {"limit": value}
    if kind == "exclusiveMaximum":
        return _("Der Wert muss kleiner als %(limit)s sein.") % {"limit": value}
    if kind == "minLength":
        return _("Bitte geben Sie mindestens %(limit)s Zeichen ein.") % {"limit": value}
    if kind == "maxLength":
        return _("Bitte geben Sie höchstens %(limit)s Zeichen ein.") % {"limit": value}
    if kind == "pattern":
        return _("Der Wert hat nicht das erwartete Format.")
    if kind == "additionalProperties":
        return _unknown_field()
    return _("Der Wert ist ungültig.")


def _unknown_field() -> str:
    return _("Dieses Feld gibt es im Formular nicht.")


def form_errors(schema: dict, data: Any) -> dict[str, str]:
    """Map field name → message for every problem (empty when valid).

    Fields that the form does not know are errors too, so nothing unexpected
    becomes process data.
    """
    import json

    if not isinstance(data, dict):
        return {"__all__": _("Die Eingaben müssen ein Objekt sein.")}
    errors: dict[str, str] = {}
    properties = schema.get("properties") or {}
    for key in data:
        if key not in properties:
            errors[str(key)] = _unknown_field()
    validator = _validator(json.dumps(schema, sort_keys=True))
    for error in validator.iter_errors(data):
        if error.validator == "required":
            missing = [n for n in error.validator_value if n not in data]
            for name in missing:
                errors.setdefault(name, _message(error))
            continue
        field = str(error.path[0]) if error.path else "__all__"
        errors.setdefault(field, _message(error))
    return errors
