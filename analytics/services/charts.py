"""Warming the dashboard charts after a recompute (`analytics.chart_cache`)."""

from django.db import transaction

from analytics.chart_cache import dashboard_charts_warm


def dashboard_charts_warm_after_commit() -> None:
    """Render the first view of every dashboard once the new chart generation
    (also started on commit) is in place."""
    transaction.on_commit(dashboard_charts_warm)
