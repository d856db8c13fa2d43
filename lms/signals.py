"""Receivers that connect the learning core to other apps' and models' events.

Receivers only queue work; the work itself is in services (STYLE.md).
"""

from django.db import transaction


def sandbox_run_finished(sender, *, user_id, passed, **kwargs) -> None:
    """A sandbox run finished (sent after commit): re-check that person's courses."""
    if not passed:
        return
    from lms.tasks import learning_completion_evaluate

    learning_completion_evaluate.delay(user_id=user_id)


def _rules_apply_for(user_ids: list[int]) -> None:
    transaction.on_commit(lambda: _queue_rules_apply(user_ids))


def _queue_rules_apply(user_ids: list[int]) -> None:
    from lms.models import AssignmentRule
    from lms.tasks import learning_rules_apply

    if AssignmentRule.objects.filter(is_active=True).exists():
        learning_rules_apply.delay(user_ids=user_ids)


def staff_profile_saved(sender, instance, **kwargs) -> None:
    """Joiners and movers get the training of their new unit and role."""
    if not kwargs.get("raw"):
        _rules_apply_for([instance.user_id])


def user_groups_changed(sender, instance, action, pk_set, **kwargs) -> None:
    """A changed role may change which rules apply."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if kwargs.get("reverse"):
        if pk_set:
            _rules_apply_for(sorted(pk_set))
    else:
        _rules_apply_for([instance.pk])


def course_content_changed(sender, **kwargs) -> None:
    """Pages changed: cached course outlines are out of date."""
    from lms.selectors.content import outline_cache_clear

    outline_cache_clear()


def connect() -> None:
    from django.contrib.auth import get_user_model
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from lms.models import StaffProfile

    try:
        from sandbox.signals import run_finished
    except ImportError:  # sandbox not installed in this build
        run_finished = None
    if run_finished is not None:
        run_finished.connect(sandbox_run_finished, dispatch_uid="lms-sandbox-run")
    post_save.connect(
        staff_profile_saved, sender=StaffProfile, dispatch_uid="lms-staff"
    )
    m2m_changed.connect(
        user_groups_changed,
        sender=get_user_model().groups.through,
        dispatch_uid="lms-user-groups",
    )
    page_published.connect(course_content_changed, dispatch_uid="lms-page-published")
    page_unpublished.connect(course_content_changed, dispatch_uid="lms-page-unpub")
    post_page_move.connect(course_content_changed, dispatch_uid="lms-page-moved")
    post_delete.connect(
        course_content_changed, sender=Page, dispatch_uid="lms-page-del"
    )
