"""Validation of submitted task data against a task's JSON Schema, in German."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema import Draft202012Validator


@lru_cache(maxsize=512)
def _validator(schema_json: str) -> Draft202012Validator:
    import json

    return Draft202012Validator(json.loads(schema_json))


def _message(error, schema: dict) -> str:
    kind = error.validator
    value = error.validator_value
    if kind == "required":
        return "Bitte füllen Sie dieses Feld aus."
    if kind == "type":
        return {
            "integer": "Bitte geben Sie eine ganze Zahl ein.",
            "number": "Bitte geben Sie eine Zahl ein.",
            "boolean": "Bitte wählen Sie Ja oder Nein.",
            "string": "Bitte geben Sie einen Text ein.",
        }.get(value if isinstance(value, str) else "", "Der Wert hat den falschen Typ.")
    if kind == "enum":
        return "Bitte wählen Sie einen der angebotenen Werte."
    if kind == "minimum":
        return f"Der Wert muss mindestens {value} sein."
    if kind == "maximum":
        return f"Der Wert darf höchstens {value} sein."
    if kind == "exclusiveMinimum":
        return f"Der Wert muss größer als {value} sein."
    if kind == "exclusiveMaximum":
        return f"Der Wert muss kleiner als {value} sein."
    if kind == "minLength":
        return f"Bitte geben Sie mindestens {value} Zeichen ein."
    if kind == "maxLength":
        return f"Bitte geben Sie höchstens {value} Zeichen ein."
    if kind == "pattern":
        return "Der Wert hat nicht das erwartete Format."
    if kind == "additionalProperties":
        return "Dieses Feld gibt es im Formular nicht."
    return "Der Wert ist ungültig."


def form_errors(schema: dict, data: Any) -> dict[str, str]:
    """Map field name → German message for every problem (empty when valid).

    Fields that the form does not know are errors too, so nothing unexpected
    becomes process data.
    """
    import json

    if not isinstance(data, dict):
        return {"__all__": "Die Eingaben müssen ein Objekt sein."}
    errors: dict[str, str] = {}
    properties = schema.get("properties") or {}
    for key in data:
        if key not in properties:
            errors[str(key)] = "Dieses Feld gibt es im Formular nicht."
    validator = _validator(json.dumps(schema, sort_keys=True))
    for error in validator.iter_errors(data):
        if error.validator == "required":
            missing = [n for n in error.validator_value if n not in data]
            for name in missing:
                errors.setdefault(name, _message(error, schema))
            continue
        field = str(error.path[0]) if error.path else "__all__"
        errors.setdefault(field, _message(error, schema))
    return errors
