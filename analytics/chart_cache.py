"""The dashboard's charts and tables, rendered once per data generation and filters.

Building them reads and groups every unit's figures and renders a table row per
unit and process: at data-centre scale most of a request. They change only when
their data does, so the rendered HTML is kept in the shared cache under the
current generation; every write of dashboard data (recompute, adoption figures,
initiatives) starts a new generation, so no one sees figures older than the
data. Keys also hold the day (the trend ends today), the viewer's unit scope, the
filters and the language.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time

from django.core.cache import cache
from django.db import transaction

from analytics.selectors.dashboard import ALL

GENERATION_KEY = "analytics:dashboard:generation"
TIMEOUT = 24 * 60 * 60


def dashboard_charts_key(
    *, visible, filters: tuple, day: dt.date, language: str
) -> str:
    """The cache key of a dashboard's charts for one viewer scope and filter set."""
    generation = cache.get(GENERATION_KEY, 0)
    scope = (
        "all"
        if isinstance(visible, type(ALL))
        else ",".join(str(unit_id) for unit_id in sorted(visible))
    )
    digest = hashlib.sha256(f"{scope}|{filters}".encode()).hexdigest()[:32]
    return f"analytics:dashboard:{generation}:{day.isoformat()}:{language}:{digest}"


def dashboard_charts_invalidate() -> None:
    """Start a new generation after the current transaction commits."""
    transaction.on_commit(_next_generation)


def _next_generation() -> None:
    # A time, not a counter: a generation lost from the cache never comes back.
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
