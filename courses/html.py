"""The one `clean_html()` of the project, built on nh3 with an explicit allow-list.

It lives in `courses` because rich text is course content; `courses` is a leaf, so
every other app may import it from here. nh3 does the sanitising (it drops
script and style *content*, unlike bleach); bleach is used only to linkify plain text,
and its output passes `clean_html()` as well.
"""

import bleach
import nh3
from django.utils.html import escape

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "h3", "h4", "code"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})


def clean_html(html: str) -> str:
    """Return `html` reduced to the allow-list; links get rel="noopener noreferrer"."""
    return nh3.clean(
        html or "",
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def linkify_text(text: str) -> str:
    """Plain text to safe HTML: escaped, URLs as links, line breaks kept."""
    escaped = escape(text or "").replace("\r\n", "\n").replace("\n", "<br>")
    linked = bleach.linkify(escaped, parse_email=True)
    return clean_html(linked)
