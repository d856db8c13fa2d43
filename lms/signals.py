"""Receivers that connect the learning core to other apps' events.

Receivers only queue work or clear caches; the work itself is in services. Changes
inside the learning core (staff, roles, rules) call their services directly.
"""

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from lms.selectors.content import outline_cache_clear
from lms.tasks import learning_completion_evaluate
from sandbox.signals import run_finished


def sandbox_run_finished(sender, *, user_id, passed, **kwargs) -> None:
    """A sandbox run finished (sent after commit): re-check that person's courses."""
    if passed:
        learning_completion_evaluate.delay(user_id=user_id)


def course_content_changed(sender, **kwargs) -> None:
    """Pages changed: cached course outlines are out of date."""
    outline_cache_clear()


def connect() -> None:
    run_finished.connect(sandbox_run_finished, dispatch_uid="lms-sandbox-run")
    page_published.connect(course_content_changed, dispatch_uid="lms-page-published")
    page_unpublished.connect(course_content_changed, dispatch_uid="lms-page-unpub")
    post_page_move.connect(course_content_changed, dispatch_uid="lms-page-moved")
    post_delete.connect(
        course_content_changed, sender=Page, dispatch_uid="lms-page-del"
    )
