"""A person's own parts of a page, rendered once and kept in the shared cache.

The start page and "Meine Schulungen" show a person's training state; computing
and rendering it costs several queries and most of the page's CPU time, on every
request. Here it is rendered once and kept under a key that names the person and
everything the fragment depends on: the person's generations
(`lms.person_generation`: replaced whenever their state changes), the content
generation (publishing a course), the language, today's date (due dates turn
overdue at midnight) and the page's path. So a changed state is never served
from the cache, and no key can ever name another person.

The CSRF token is not part of the cached HTML (it changes at every login): the
fragment is rendered with a placeholder that each request replaces by its own token.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from common.page_frame import CSRF_PLACEHOLDER, with_csrf_token
from lms.person_generation import account_generations, person_generations
from lms.selectors import content

FRAGMENT_TTL = 600  # seconds; the keys change on every write, this only frees memory


def person_fragment(
    request,
    name: str,
    template_name: str,
    context: Callable[[], dict],
    *,
    shows_courses: bool = True,
) -> SafeString:
    """The template rendered for the request's person, from the cache if current.

    `context` is called only when the fragment has to be rendered. A fragment
    that shows nothing of the person's progress in their courses
    (`shows_courses=False`) is kept across learning steps.
    """
    user = request.user
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:16]
    key = ":".join(
        [
            "lms:fragment",
            name,
            str(user.pk),
            *person_generations(user, courses=shows_courses),
            str(content.generation()),
            translation.get_language() or "",
            timezone.localdate().isoformat(),
            path,
        ]
    )
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            template_name,
            {**context(), "csrf_token": CSRF_PLACEHOLDER},
            request=request,
        )
        cache.set(key, html, FRAGMENT_TTL)
    return mark_safe(with_csrf_token(request, html))  # noqa: S308 - our own template's autoescaped output


def frame_person_key(request) -> list[str]:
    """What the site's frame (`common.page_frame`) shows of the person: their
    name and the menu of their roles, both kept under their account's generation."""
    user = request.user
    if not user.is_authenticated:
        return ["anonymous"]
    return [str(user.pk), *account_generations(user.pk)]
