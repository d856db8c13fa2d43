"""Template filters for text in narrow places (tables as cards on a phone)."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def email_breakable(address: str) -> str:
    """An e-mail address that may wrap before its "@" but never inside a word."""
    local, at, domain = (address or "").partition("@")
    if not at:
        return conditional_escape(address)
    return mark_safe(  # both parts are escaped
        f"{conditional_escape(local)}<wbr>@{conditional_escape(domain)}"
    )
