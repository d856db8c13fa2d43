"""Lesson bodies rendered once per published revision, not once per request.

A lesson's text, headings, images, steps and quiz questions are the same for every
learner until the next publish, yet rendering them (rich text, renditions, page
links) is most of a lesson page's work. `{% cached_block block page %}` renders one
block like `{% include_block block with page=page block_id=block.id %}` and keeps
the HTML in the shared cache under the page's live revision: publishing creates a
new revision, so the next view renders afresh and the old entries expire.

Blocks that show something per person or live state (quiz form and result,
acknowledgement, sandbox exercise card) are never cached here; the questions inside
a quiz are (`{% cached_block question page question_id=question.id %}`), and so
are questions showing a learner's last answers (`form_values=...`), once per
distinct answer to that question: learners who answered alike share one entry,
and the key holds only a digest of the answer. Previews and pages without a
published revision are always rendered.
"""

import hashlib
import json

from django import template
from django.core.cache import cache
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# Per person (csrf token, results, acknowledgements) or live (is the sandbox up?).
LIVE_BLOCK_TYPES = frozenset({"quiz", "acknowledgement", "sandbox_exercise"})
# Entries belong to one revision; a day bounds what page links renamed since keep.
BLOCK_CACHE_TTL = 24 * 60 * 60


def block_cache_key(page, block, language: str) -> str:
    return _key(page, block.id, language)


def _key(page, block_id: str, language: str) -> str:
    return f"courses:block:{page.pk}:{page.live_revision_id}:{block_id}:{language}"


def _page_block_ids(page):
    """Ids of every block of the page's body the tag may cache, quiz questions
    included, read from the raw stream (converting it would load its images)."""
    for item in getattr(getattr(page, "body", None), "raw_data", None) or []:
        if item["type"] == "quiz":
            for question in (item.get("value") or {}).get("questions") or []:
                if question.get("id"):
                    yield question["id"]
        elif item["type"] not in LIVE_BLOCK_TYPES and item.get("id"):
            yield item["id"]


def _prefetched(request, page, language: str) -> dict:
    """All cached blocks of the page in one round trip, once per request."""
    memo = getattr(request, "_lotse_block_cache", None)
    if memo is None:
        memo = {}
        if request is not None:
            request._lotse_block_cache = memo
    if page.pk not in memo:
        keys = [_key(page, block_id, language) for block_id in _page_block_ids(page)]
        memo[page.pk] = cache.get_many(keys) if keys else {}
    return memo[page.pk]


def _cacheable(page, request) -> bool:
    return bool(
        page is not None
        and getattr(page, "live_revision_id", None)
        and not getattr(request, "is_preview", False)
    )


@register.simple_tag(takes_context=True)
def lesson_body(context, page):
    """Every block of the lesson's body, each as `{% cached_block %}` renders it.

    Blocks found in the cache are taken as they are, without converting the raw
    stream into block values (which costs CPU and a query for the images); only
    the blocks rendered now, the live ones among them, are converted.
    """
    request = context.get("request")
    raw = list(page.body.raw_data)
    found = {}
    if _cacheable(page, request):
        found = _prefetched(request, page, get_language() or "")
    parts = []
    for index, item in enumerate(raw):
        html = None
        if item["type"] not in LIVE_BLOCK_TYPES and item.get("id"):
            html = found.get(_key(page, item["id"], get_language() or ""))
        if html is None:
            html = cached_block(context, page.body[index], page)
        parts.append(str(html))
    return mark_safe("\n".join(parts))  # each part escaped by its block's template


def _answer_digest(form_values: dict, question_id: str) -> str:
    """A digest of the form values that belong to one question (`q-<id>` and
    `q-<id>-<position>`): what its rendering with the last answers depends on."""
    field = f"q-{question_id}"
    own = sorted(
        (name, list(value))
        for name, value in form_values.items()
        if name == field or name.startswith(field + "-")
    )
    return hashlib.sha256(json.dumps(own).encode()).hexdigest()[:24]


@register.simple_tag(takes_context=True)
def cached_block(context, block, page, **extra):
    """One StreamField block of `page`, from the cache when it is the same for all
    (or, given `form_values` and `question_id`, for all who answered alike)."""
    values = context.flatten()
    values.update(page=page, block_id=block.id, **extra)
    request = context.get("request")
    if (
        block.block_type in LIVE_BLOCK_TYPES
        or not block.id
        or not _cacheable(page, request)
    ):
        return conditional_escape(block.render_as_block(context=values))
    language = get_language() or ""
    key = block_cache_key(page, block, language)
    form_values = extra.get("form_values")
    if form_values:
        key += ":answer:" + _answer_digest(form_values, extra.get("question_id", ""))
        html = cache.get(key)
    else:
        html = _prefetched(request, page, language).get(key)
    if html is None:
        html = str(conditional_escape(block.render_as_block(context=values)))
        cache.set(key, html, BLOCK_CACHE_TTL)
    return mark_safe(html)  # rendered by the block's own template above
