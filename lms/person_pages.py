"""Learners' pages, rendered once per state and kept whole in the shared cache.

At 8:00 every employee opens the start page, "Meine Schulungen", the catalogue,
courses, lessons and the sandbox list; each page is the same for that person until
something they see changes. So the whole page is kept under a key that names the
person and everything the page depends on, as `lms.fragments` does for parts of
pages: the person's generations (`lms.person_generation`: their notifications,
account, roles, sandbox runs and their state in every course, or for a course's
own pages only in that course; all people's when a process goes live), the
content generation (any page saved, published, moved, deleted, a view
restriction or a site changed), the language, today's date (due dates turn
overdue at midnight), the host and the full path.

Only for people who are nothing but employees: trainers, heads and administrators
see other people's work (reviews, figures) on these pages, which no generation of
theirs follows. Never for a page with a view restriction, a response other than
200, a request with messages waiting to be shown, or a view that queued a message.
The CSRF token of the page's forms is a placeholder in the cache, replaced by the
request's own token.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone, translation

from common.page_frame import CSRF_PLACEHOLDER, messages_waiting, with_csrf_token
from courses import selectors as courses
from lms import roles
from lms.person_generation import course_generations, person_generations
from lms.selectors import content
from lms.selectors.org import user_roles

PAGE_TTL = 600  # seconds; the keys change on every write, this only frees memory
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="[A-Za-z0-9]+"')
CSRF_FIELD_CACHED = f'name="csrfmiddlewaretoken" value="{CSRF_PLACEHOLDER}"'

# URL names of the pages kept per person.
PERSON_PAGES = frozenset(
    {"home", "learning:my_training", "sandbox:process_list", "wagtail_serve"}
)


class PersonPageCacheMiddleware:
    """Answers a learner's page from the cache, or keeps the page it rendered.

    Placed after the session, authentication and message middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_person_page_key", None)
        if key is not None and _may_keep(request, response):
            html = CSRF_FIELD.sub(CSRF_FIELD_CACHED, response.content.decode())
            cache.set(key, (response["Content-Type"], html), PAGE_TTL)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        kept = _may_come_from_cache(request, view_args)
        if not kept:
            return None
        key = _page_key(request, kept.course_id)
        cached = cache.get(key)
        if cached is None:
            request._person_page_key = key
            return None
        content_type, html = cached
        html = with_csrf_token(request, html)
        return HttpResponse(html, content_type=content_type)


@dataclass(frozen=True)
class KeptPage:
    """A page that may come from the person's copy; course pages and lessons name
    their course, whose generation they are kept under."""

    course_id: int | None = None


def _may_come_from_cache(request, view_args) -> KeptPage | None:
    match = request.resolver_match
    if request.method != "GET" or match is None:
        return None
    if match.view_name not in PERSON_PAGES or messages_waiting(request):
        return None
    user = request.user
    if not user.is_authenticated or user_roles(user) != {roles.EMPLOYEE}:
        return None
    if match.view_name != "wagtail_serve":
        return KeptPage()
    path = view_args[0] if view_args else ""  # Wagtail's pattern: one group
    page_id = courses.route_for_person_pages(request, path)
    if page_id is None:
        return None
    return KeptPage(course_id=content.course_id_of_page(page_id))


def _may_keep(request, response) -> bool:
    storage = getattr(request, "_messages", None)
    queued = storage is not None and len(storage._queued_messages) > 0
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not queued
        and response.get("Content-Type", "").startswith("text/html")
    )


def _page_key(request, course_id: int | None) -> str:
    """A course's pages change with the person's state in that course, every other
    page with their state in any (`lms.person_generation`)."""
    user = request.user
    if course_id is None:
        generations = person_generations(user)
    else:
        generations = course_generations(user, course_id)
    path = request.get_host() + request.get_full_path()
    return ":".join(
        [
            "lms:page",
            str(user.pk),
            *generations,
            courses.content_generation(),
            translation.get_language() or "",
            timezone.localdate().isoformat(),
            hashlib.sha256(path.encode()).hexdigest()[:24],
        ]
    )
