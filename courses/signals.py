"""Receivers that keep `courses.page_cache` current; they only renew its generation."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from common import request_memo
from courses import page_cache


def connect() -> None:
    request_memo.connect()
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
