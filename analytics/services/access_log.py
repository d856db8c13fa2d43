"""The access log of dashboards and exports (privacy rule 4): append-only."""

from __future__ import annotations

from django.db import models

from analytics.models import AccessLog


def access_log_record(*, user, action: str, target: str, filters: dict) -> AccessLog:
    """Append one entry: who, what, with which filters (the time is set on insert)."""
    return AccessLog.objects.create(
        user=user if user.is_authenticated else None,
        username=user.get_username() if user.is_authenticated else "",
        action=action,
        target=target[:100],
        filters={str(k): str(v)[:200] for k, v in filters.items()},
    )


def access_log_pseudonymise(*, user_id: int, pseudonym: str) -> int:
    """Erasure of a person (DESIGN §7.6) is the one change the log admits: the name
    they viewed under becomes their pseudonym. Entries stay, nothing else changes;
    the app's managers still refuse every other update or delete."""
    entries: models.QuerySet[AccessLog] = models.QuerySet(AccessLog)
    return entries.filter(user_id=user_id).update(username=pseudonym)
