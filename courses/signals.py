"""Receivers that keep `courses.page_cache` current; they only renew its generation."""

from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from courses import page_cache


def connect() -> None:
    request_started.connect(
        page_cache.request_memo_begin, dispatch_uid="courses-memo-begin"
    )
    request_finished.connect(
        page_cache.request_memo_end, dispatch_uid="courses-memo-end"
    )
    for signal, name in (
        (page_published, "published"),
        (page_unpublished, "unpublished"),
        (post_page_move, "moved"),
    ):
        signal.connect(page_cache.content_changed, dispatch_uid=f"courses-{name}")
    # Every page model: a save (a draft too, a slug, a direct `save()` of a live
    # page) or a delete; view restrictions and sites decide where a URL leads.
    for model in (*get_page_models(), PageViewRestriction, Site):
        for signal in (post_save, post_delete):
            signal.connect(
                page_cache.content_changed,
                sender=model,
                dispatch_uid=f"courses-{model._meta.label}-{signal is post_save}",
            )
