"""A page's frame, kept in the shared cache: base.html around content that the
view already has.

The sandbox's run page is rendered for every step, and its content comes from
the cache (sandbox/run_page.py); rendering the site's frame around it (header,
menu, language switch, messages) then cost as much CPU as the rest of the page.
So the frame is rendered once per person, kind of page and language, with
placeholders for the content, the page's address and the CSRF token, and each
request puts its own in: a person's next run of a case gets its frame ready.

The frame shows the person (their name, the menu of their roles). What that
depends on is known to the app that owns people: it registers `person_key`
at start-up (lms: the account's generations), as it connects the request memo.
Until then, and while messages wait to be shown, the page is rendered whole.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString

FRAME_TTL = 600  # seconds; the key names everything shown, this only frees memory
CONTENT_PLACEHOLDER = "lotse-frame-content-placeholder"
# Where the request's CSRF token goes: in kept parts of a page (`with_csrf_token`)
# and, apart, in the kept frame.
CSRF_PLACEHOLDER = "lotse-csrf-placeholder"
_FRAME_CSRF_PLACEHOLDER = "lotse-frame-csrf-placeholder"
PATH_PLACEHOLDER = "lotse-frame-path-placeholder"  # base.html's `frame_path`

_person_key: Callable[[object], list[str]] | None = None


def register_person_key(person_key: Callable[[object], list[str]]) -> None:
    """`person_key(request)` names everything the frame shows of the person."""
    global _person_key
    _person_key = person_key


def framed_page(
    request, template_name: str, context: dict, *, content: SafeString, key: list[str]
) -> HttpResponse:
    """The template rendered with ``content``. ``key`` names the kind of page
    (which menu entry is the current one) and everything of ``context`` that
    the template shows (its title ...); the page's address is put in."""
    if _person_key is None or messages_waiting(request):
        return render(request, template_name, {**context, "content": content})
    language = translation.get_language() or ""
    name = ":".join(["frame", *key, *_person_key(request), language])
    frame = cache.get(name)
    if frame is None:
        frame = render_to_string(
            template_name,
            {
                **context,
                "content": CONTENT_PLACEHOLDER,
                "frame_path": PATH_PLACEHOLDER,
                "csrf_token": _FRAME_CSRF_PLACEHOLDER,
            },
            request=request,
        )
        cache.set(name, frame, FRAME_TTL)
    html = frame.replace(_FRAME_CSRF_PLACEHOLDER, csrf_token(request))
    html = html.replace(PATH_PLACEHOLDER, escape(request.get_full_path()))
    return HttpResponse(html.replace(CONTENT_PLACEHOLDER, content, 1))


def csrf_token(request) -> str:
    """The request's CSRF token for the placeholders of its kept parts: one per
    request and secret (a login rotates it), since each `get_token` masks the
    secret anew (32 random choices)."""
    kept = getattr(request, "_lotse_csrf_token", None)
    if kept is not None and kept[0] == request.META.get("CSRF_COOKIE"):
        return kept[1]
    token = get_token(request)
    request._lotse_csrf_token = (request.META.get("CSRF_COOKIE"), token)
    return token


def with_csrf_token(request, html: str) -> str:
    """Kept HTML with the request's CSRF token in place of `CSRF_PLACEHOLDER`
    (asked for only if the HTML has a form: asking renews the CSRF cookie)."""
    if CSRF_PLACEHOLDER not in html:
        return html
    return html.replace(CSRF_PLACEHOLDER, csrf_token(request))


def messages_waiting(request) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0
