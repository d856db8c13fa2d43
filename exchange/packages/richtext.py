"""Rich text from a package: the project's allow-list, in Wagtail's stored form.

Wagtail stores rich text with a few attributes of its own (``data-block-key`` on
paragraphs, ``linktype`` and ``id`` on links to pages). A package's rich text may
hold exactly what `courses.html.clean_html` allows plus those; anything else is
removed, and the trainer is told which lesson it was in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

import nh3

from courses.html import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, ALLOWED_URL_SCHEMES

STORAGE_TAGS = set(ALLOWED_TAGS) | {"h2", "h5", "h6", "blockquote", "hr"}
_BLOCK_KEY = {"data-block-key"}
STORAGE_ATTRIBUTES = {
    tag: set(ALLOWED_ATTRIBUTES.get(tag, set())) | _BLOCK_KEY for tag in STORAGE_TAGS
}
STORAGE_ATTRIBUTES["a"] = set(ALLOWED_ATTRIBUTES["a"]) | {"linktype", "id"}

_PAGE_LINK = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


def clean_storage_html(html: str) -> str:
    """The stored rich text reduced to the allow-list (no rel attribute added)."""
    return nh3.clean(
        html,
        tags=STORAGE_TAGS,
        attributes=STORAGE_ATTRIBUTES,
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


class _Tokens(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("start", tag, tuple(sorted(attrs))))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.tokens.append(("end", tag))

    def handle_data(self, data):
        if self.tokens and self.tokens[-1][0] == "data":
            self.tokens[-1] = ("data", self.tokens[-1][1] + data)
        else:
            self.tokens.append(("data", data))

    def handle_comment(self, data):
        self.tokens.append(("comment", data))

    def handle_decl(self, decl):
        self.tokens.append(("decl", decl))

    def unknown_decl(self, data):
        self.tokens.append(("decl", data))

    def handle_pi(self, data):
        self.tokens.append(("pi", data))


_VOID = {"br", "hr", "img", "embed", "input", "meta", "link"}


def _tokens(html: str) -> list[tuple]:
    parser = _Tokens()
    parser.feed(html)
    parser.close()
    # nh3 writes void elements without an end tag; so does a browser.
    return [
        token
        for token in parser.tokens
        if not (token[0] == "end" and token[1] in _VOID)
    ]


def sanitised(html: str) -> tuple[str, bool]:
    """``(clean text, whether cleaning changed anything a reader would notice)``."""
    clean = clean_storage_html(html)
    return clean, _tokens(clean) != _tokens(html)


def rewrite_page_links(html: str, new_id: Callable[[str], str | None]) -> str:
    """Point ``<a linktype="page" id="…">`` at ``new_id(old id)``; a link whose
    target is unknown loses its target and keeps its text."""

    def replace(match: re.Match) -> str:
        tag = match.group(0)
        attrs = dict(_ATTRIBUTE.findall(tag))
        if attrs.get("linktype") != "page":
            return tag
        target = new_id(attrs.get("id", ""))
        if target is None:
            return "<a>"
        return _ATTRIBUTE.sub(
            lambda m: f'id="{target}"' if m.group(1) == "id" else m.group(0), tag
        )

    return _PAGE_LINK.sub(replace, html)


def page_link_ids(html: str) -> list[str]:
    """Ids of the pages that ``html`` links to."""
    ids = []
    for match in _PAGE_LINK.finditer(html):
        attrs = dict(_ATTRIBUTE.findall(match.group(0)))
        if attrs.get("linktype") == "page" and "id" in attrs:
            ids.append(attrs["id"])
    return ids
