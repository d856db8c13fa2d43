"""Learning events as xAPI 1.0.3 statements.

Pure functions of an event row: the same event always gives the same statement,
with the same id (a UUID derived from the installation and the event id), so a
learning record store that receives it twice stores it once. The actor is an
account with a pseudonym (an HMAC of the person's id), never a name or e-mail.
Verbs come from the ADL vocabulary; events without an ADL verb (assignments by
rules) are not statements.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from urllib.parse import quote

from django.conf import settings

XAPI_VERSION = "1.0.3"
ADL_VERBS = "http://adlnet.gov/expapi/verbs/"
ADL_ACTIVITIES = "http://adlnet.gov/expapi/activities/"

# Lotse's event verb → (ADL verb, German display, English display)
VERBS = {
    "registered": ("registered", "angemeldet", "registered"),
    "completed": ("completed", "abgeschlossen", "completed"),
    "attempted": ("attempted", "versucht", "attempted"),
    "passed": ("passed", "bestanden", "passed"),
    "failed": ("failed", "nicht bestanden", "failed"),
    "acknowledged": ("responded", "zur Kenntnis genommen", "responded"),
    "earned": ("satisfied", "Zertifikat erworben", "satisfied"),
}
ACTIVITY_TYPES = {
    "course": "course",
    "lesson": "lesson",
    "quiz": "assessment",
    "certificate": "objective",
}
FORWARDED_VERBS = tuple(VERBS)


def base_url() -> str:
    return settings.LOTSE_BASE_URL.rstrip("/")


def statement_id(event_id: int) -> str:
    """Stable per installation and event."""
    return str(
        uuid.uuid5(
            uuid.NAMESPACE_URL,
            f"{base_url()}/xapi/{settings.LOTSE_INSTALLATION_ID}/event/{event_id}",
        )
    )


def pseudonym(actor_id: int | None) -> str:
    if actor_id is None:
        return "geloescht"
    key = settings.SECRET_KEY.encode("utf-8")
    return hmac.new(key, f"xapi-actor:{actor_id}".encode(), hashlib.sha256).hexdigest()[
        :32
    ]


def activity_id(object_type: str, object_id: str) -> str:
    return f"{base_url()}/xapi/activities/{quote(object_type, safe='')}/{quote(str(object_id), safe='')}"


def _activity(object_type: str, object_id: str) -> dict:
    activity = {"objectType": "Activity", "id": activity_id(object_type, object_id)}
    kind = ACTIVITY_TYPES.get(object_type)
    if kind:
        activity["definition"] = {"type": ADL_ACTIVITIES + kind}
    return activity


def statement(event) -> dict:
    """The xAPI statement of one learning event (``LearningEvent`` or a row with
    the same attributes)."""
    verb, german, english = VERBS[event.verb]
    result: dict = {}
    if event.score is not None:
        scaled = max(-1.0, min(1.0, event.score / 100))
        result["score"] = {"scaled": scaled, "raw": event.score, "min": 0, "max": 100}
    if event.success is not None:
        result["success"] = bool(event.success)
    if event.completion is not None:
        result["completion"] = bool(event.completion)
    data: dict = {
        "id": statement_id(event.id),
        "actor": {
            "objectType": "Agent",
            "account": {"homePage": base_url(), "name": pseudonym(event.actor_id)},
        },
        "verb": {
            "id": ADL_VERBS + verb,
            "display": {"de-DE": german, "en-US": english},
        },
        "object": _activity(event.object_type, event.object_id),
        "timestamp": event.timestamp.isoformat(),
        "version": XAPI_VERSION,
        "context": {"platform": "Lotse", "language": "de-DE"},
    }
    if event.course_id and event.object_type != "course":
        data["context"]["contextActivities"] = {
            "parent": [_activity("course", str(event.course_id))]
        }
    if result:
        data["result"] = result
    return data
