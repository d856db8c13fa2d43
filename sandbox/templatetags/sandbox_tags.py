from django import template

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
