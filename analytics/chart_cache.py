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

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from analytics.selectors.dashboard import ALL
from analytics.selectors.page import (
    DashboardPage,
    dashboard_page,
    dashboard_page_charts,
)
from lms.selectors.org import org_heads_led_unit_ids, org_subtree_ids

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


def dashboard_charts_html(
    page: DashboardPage, *, visible, today: dt.date, language: str
) -> str:
    """Table and charts of a dashboard page, from the cache or rendered into it
    (our template with autoescaping; it needs no request)."""
    key = dashboard_charts_key(
        visible=visible,
        filters=(
            page.initiative.pk if page.initiative else None,
            page.process_id,
            page.unit_id,
        ),
        day=today,
        language=language,
    )
    html = cache.get(key)
    if html is None:
        dashboard_page_charts(page, visible=visible, today=today)
        html = str(render_to_string("analytics/dashboard_charts.html", {"page": page}))
        cache.set(key, html, TIMEOUT)
    return html


def dashboard_charts_warm() -> int:
    """Render the first view of the dashboards into the current generation: the
    training admin's (all units) and each head's (their subtrees), unfiltered, so
    the first visit after the nightly recompute is not the slow one. Returns the
    number of pages warmed."""
    today = timezone.localdate()
    scopes = [ALL] + [org_subtree_ids(led) for led in org_heads_led_unit_ids()]
    warmed = 0
    with translation.override(settings.LANGUAGE_CODE):
        for visible in scopes:
            page = dashboard_page(
                visible=visible,
                initiative_id=None,
                process_id=None,
                unit_id=None,
                today=today,
                with_charts=False,
            )
            if page.initiative is None:
                return warmed
            dashboard_charts_html(
                page, visible=visible, today=today, language=settings.LANGUAGE_CODE
            )
            warmed += 1
    return warmed


def dashboard_charts_invalidate() -> None:
    """Start a new generation after the current transaction commits."""
    transaction.on_commit(_next_generation)


def _next_generation() -> None:
    # A time, not a counter: a generation lost from the cache never comes back.
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
