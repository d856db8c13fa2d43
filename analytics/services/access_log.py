"""The access log of dashboards and exports (privacy rule 4): append-only."""

from __future__ import annotations

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
