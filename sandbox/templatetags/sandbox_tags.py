from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

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
