import datetime as dt
import uuid
from functools import lru_cache
from typing import NamedTuple

from django import template
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from ..scoring import format_value

register = template.Library()


@register.filter
def data_label(key) -> str:
    """``halter_name`` → ``Halter name``: readable keys of process data."""
    text = str(key).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


@register.filter
def data_value(value) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(format_value(v) for v in value) or "–"
    if value == "":
        return "–"
    return format_value(value)


@register.filter
def is_mapping(value) -> bool:
    return isinstance(value, dict)


@register.simple_tag
def data_rows(rows: list[dict]) -> SafeString:
    """Labelled process data (``labels.data_display``) as nested definition lists.

    Written in Python rather than as a template including itself once per
    nested object: on the run page those includes cost more than the rest of
    the task's section (bench/README.md, fourth round).
    """
    items = format_html_join(
        "",
        "<dt>{}{}</dt><dd>{}</dd>",
        (
            (
                row["label"],
                format_html(
                    ' <span class="form-field__help sandbox-data__help">({})</span>',
                    row["help"],
                )
                if row.get("help")
                else "",
                data_rows(row["children"])
                if row.get("children")
                else row.get("value", ""),
            )
            for row in rows
        ),
    )
    return format_html('<dl class="sandbox-data">{}</dl>', items)


class RunRow(NamedTuple):
    """What a row of a table of runs shows (``selectors.RUN_SUMMARY_FIELDS``)."""

    pk: uuid.UUID
    title: str
    preview: bool
    case_id: str
    mode_label: str
    is_active: bool
    passed: bool | None
    score: int | None
    created_at: dt.datetime


@register.simple_tag
def run_rows(runs) -> SafeString:
    """The rows of a table of runs.

    The process page lists the person's last runs on every visit, and a finished
    run's row never changes: each row is rendered once per worker and kept in
    memory under exactly what it shows, with the language, time zone and script
    prefix it was rendered in, so a kept row cannot be stale (bench/README.md,
    ninth round).
    """
    rendered_in = (
        get_language(),
        timezone.get_current_timezone_name(),
        get_script_prefix(),
    )
    rows = (
        RunRow(
            run.pk,
            run.package.title,
            run.preview,
            run.case_id,
            run.mode_label,
            run.is_active,
            run.passed,
            run.score,
            run.created_at,
        )
        for run in runs
    )
    return mark_safe("".join(_run_row(row, rendered_in) for row in rows))  # noqa: S308


@lru_cache(maxsize=4096)
def _run_row(run: RunRow, rendered_in: tuple[str, str, str]) -> str:
    return render_to_string("sandbox/includes/run_row.html", {"run": run})
