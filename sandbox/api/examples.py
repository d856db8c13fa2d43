"""Examples of the sandbox API's answers, for its OpenAPI schema."""

from drf_spectacular.utils import OpenApiExample

EXAMPLE_PACKAGE = {
    "id": 12,
    "process": "hund_anmelden",
    "version": 3,
    "title": "Hund anmelden",
    "status": "pending_review",
    "cases": ["labrador", "kampfhund"],
    "notes": [],
}

EXAMPLE_PROCESS = {
    "process": "hund_anmelden",
    "title": "Hund anmelden",
    "version": 3,
    "lanes": ["Bürgerbüro", "Steueramt"],
    "cases": [{"id": "labrador", "title": "Ein Labrador zieht ein"}],
}

EXAMPLE_RUN_SUMMARY = {
    "id": "0b7f7c1e-3c1d-4c52-9a53-1d2f1f6c2a10",
    "process": "hund_anmelden",
    "version": 3,
    "case": "labrador",
    "mode": "practice",
    "status": "finished",
    "score": 85,
    "passed": True,
    "started_at": "2026-11-30T09:00:00+01:00",
}

EXAMPLE_RUN = {
    "id": "0b7f7c1e-3c1d-4c52-9a53-1d2f1f6c2a10",
    "process": "hund_anmelden",
    "version": 3,
    "case": "labrador",
    "mode": "practice",
    "status": "active",
    "preview": False,
    "ready_tasks": [
        {
            "id": "8f0c2d4e-1b2a-4c3d-9e8f-7a6b5c4d3e2f",
            "element": "Antrag_pruefen",
            "name": "Antrag prüfen",
            "lane": "Steueramt",
            "kind": "form",
            "options": [],
            "form": {
                "type": "object",
                "properties": {"rasse": {"type": "string", "title": "Rasse"}},
            },
            "data": {"halter": "Max Muster"},
        }
    ],
    "steps": [
        {
            "element": "Antrag_eingegangen",
            "name": "Antrag eingegangen",
            "kind": "automatic",
            "auto": True,
            "label": "Der Antrag ist online eingegangen.",
        }
    ],
    "score": None,
    "passed": None,
    "end_event": None,
    "findings": [],
}


def run_example(name: str = "Durchlauf", **changes) -> OpenApiExample:
    return OpenApiExample(name, value={**EXAMPLE_RUN, **changes}, response_only=True)


def invalid_example(detail: str, errors: dict) -> OpenApiExample:
    return OpenApiExample(
        "Ungültig",
        value={"detail": detail, "errors": errors},
        response_only=True,
        status_codes=["400"],
    )
