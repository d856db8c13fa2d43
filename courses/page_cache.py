"""What every visitor of a course page shares, kept per content generation.

Wagtail spends five or six queries on every page before the page's own work: it
finds the site, loads the site's root page and its specific page, walks down to
the requested page and reads the view restrictions of the page and its ancestors.
The answers are the same for every visitor until content changes, so they are kept
in the shared cache under the **content generation**: a random token replaced (now,
and again after commit) whenever a page is saved, published, unpublished, moved or
deleted, or a view restriction or a site changes (receivers connected in
`CoursesConfig.ready`). Tokens, not counters: an evicted token never revives an
old entry.

What is cached is where a URL leads (site, page id and type) and which pages carry
a view restriction, never whether a person may see a page: the page is read from
the database on every request (live pages only), and Wagtail checks view
restrictions as before; the cache only tells it which pages have none.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.http.request import split_domain_port
from django.utils import translation

from common import request_memo

GENERATION_KEY = "courses:generation"
ENTRY_TTL = 600  # seconds; keys change with every generation, this only frees memory


def _memo() -> dict | None:
    """What this request has read (the route, the restrictions and a page's
    fragments each ask for the generation)."""
    return request_memo.memo("courses")


def _renew() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    memo = _memo()
    if memo is not None:
        memo.clear()


def content_changed(**kwargs) -> None:
    """Pages, view restrictions or sites changed: forget every shared answer.

    Now, so this process sees its own change at once; and after commit, so that a
    request which read the new token before the commit and cached the old state
    cannot leave it under the token that stays.
    """
    _renew()
    transaction.on_commit(_renew)


def generation() -> str:
    """The current content generation (one cache round trip per request)."""
    memo = _memo()
    if memo is not None and GENERATION_KEY in memo:
        return memo[GENERATION_KEY]
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)  # another process may win
        # Evicted or flushed at once: a token of this request's own.
        token = cache.get(GENERATION_KEY) or uuid.uuid4().hex
    if memo is not None:
        memo[GENERATION_KEY] = token
    return token


def _key(name: str) -> str:
    return f"courses:{generation()}:{name}"


def cached(name: str, build: Callable[[], Any]) -> Any:
    """`build()`'s value, kept under `name` for the current content generation."""
    key = _key(name)
    memo = _memo()
    if memo is not None and key in memo:
        return memo[key]
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, ENTRY_TTL)
    if memo is not None:
        memo[key] = value
    return value


def _route_name(request, path: str) -> str:
    host = split_domain_port(request._get_raw_host())[0]
    language = translation.get_language() or ""
    return f"page-route:{host}:{request.get_port()}:{language}:{path}"


def _prefetch(names: list[str]) -> None:
    """Read several entries of this generation in one round trip."""
    memo = _memo()
    if memo is None:
        return
    keys = [_key(name) for name in names]
    missing = [key for key in keys if key not in memo]
    if missing:
        memo.update(cache.get_many(missing))


def route_from_cache(request, path: str) -> None:
    """Tell Wagtail where `path` leads, if it led there before in this generation.

    Wagtail keeps a request's site and route on the request
    (`Site.find_for_request`, `Page.route_for_request`); setting them here spares
    its walk. A route that is not cached yet is walked by Wagtail and remembered if
    it ends at a live page without extra arguments; a 404 is never remembered.
    """
    from wagtail.models import Page
    from wagtail.url_routing import RouteResult

    name = _route_name(request, path)
    _prefetch([name, "restricted-paths"])
    key = _key(name)
    memo = _memo()
    entry = memo.get(key) if memo is not None else cache.get(key)
    if entry is not None:
        site, page_id, label, _tree_path = entry
        page = apps.get_model(label).objects.filter(pk=page_id, live=True).first()
        if page is not None:
            request._wagtail_site = site
            request._wagtail_route_for_request = RouteResult(page)
            return
    result = Page.route_for_request(request, path)
    if result is None or result[1] or result[2]:
        return
    page = result[0]
    site = getattr(request, "_wagtail_site", None)
    if site is not None and page.live:
        entry = (site, page.pk, page._meta.label_lower, page.path)
        cache.set(key, entry, ENTRY_TTL)


def route_for_person_pages(request, path: str) -> int | None:
    """The id of the page at `path` if a person's copy of it may be used or kept
    (`lms.person_pages`), else None: its route is cached (a live page reached
    without extra arguments), the page is still live, and neither it nor an
    ancestor carries a view restriction (whether someone passed a password lives
    in their session, not in the page). A remembered route asks only whether the
    page is still live, without loading it: a page served from a person's copy is
    never built.
    """
    from wagtail.models import Page

    name = _route_name(request, path)
    _prefetch([name, "restricted-paths"])
    memo = _memo()
    key = _key(name)
    entry = memo.get(key) if memo is not None else cache.get(key)
    if entry is None:  # a first visit: Wagtail walks the tree (and it is remembered)
        route_from_cache(request, path)
        result = request._wagtail_route_for_request
        if result is None or result[1] or result[2] or not result[0].live:
            return None
        return None if _restricted(result[0].path) else result[0].pk
    _site, page_id, _label, tree_path = entry
    if _restricted(tree_path):
        return None
    return page_id if Page.objects.filter(pk=page_id, live=True).exists() else None


def _restricted_paths() -> tuple[str, ...]:
    """Tree paths of pages with a view restriction, and of their aliases (which
    share their source's restrictions, see `Page.get_view_restrictions`)."""
    from wagtail.models import Page, PageViewRestriction

    page_ids = list(PageViewRestriction.objects.values_list("page_id", flat=True))
    if not page_ids:
        return ()
    return tuple(
        Page.objects.filter(Q(pk__in=page_ids) | Q(alias_of_id__in=page_ids))
        .order_by("path")
        .values_list("path", flat=True)
    )


def may_have_view_restrictions(page) -> bool:
    """False if neither the page nor any ancestor carries a view restriction."""
    return _restricted(page.path)


def _restricted(tree_path: str) -> bool:
    paths = cached("restricted-paths", _restricted_paths)
    return any(tree_path.startswith(path) for path in paths)


def site_key(request) -> str:
    site = getattr(request, "_wagtail_site", None)
    return str(site.pk) if site is not None else "-"
