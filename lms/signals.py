"""Receivers that connect the learning core to other apps' events.

Receivers only queue work or clear caches; the work itself is in services. Changes
inside the learning core (staff, roles, rules) call their services directly.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from lms.models import (
    Acknowledgement,
    Certificate,
    Enrolment,
    LessonProgress,
    Notification,
    OrgUnit,
    QuizAttempt,
    StaffProfile,
)
from lms.person_generation import (
    account_changed,
    course_state_changed,
    learning_changed,
    people_changed,
    person_changed,
)
from lms.selectors.content import outline_cache_clear
from lms.tasks import learning_completion_evaluate
from sandbox.signals import packages_changed, run_finished, runs_changed


def sandbox_run_finished(sender, *, user_id, passed, **kwargs) -> None:
    """A sandbox run finished (sent after commit): re-check that person's courses."""
    if passed:
        learning_completion_evaluate.delay(user_id=user_id)


def sandbox_runs_changed(sender, *, user_id, **kwargs) -> None:
    """A person's sandbox run was written: their run list and exercise cards."""
    person_changed(user_id)


def sandbox_packages_changed(sender, **kwargs) -> None:
    """A process went live or was retired: everyone's exercise cards and lists."""
    people_changed()


def course_content_changed(sender, **kwargs) -> None:
    """Pages changed: cached course outlines are out of date."""
    outline_cache_clear()


def _user_id_of(instance) -> int | None:
    if isinstance(instance, Notification):
        return instance.recipient_id
    if isinstance(instance, get_user_model()):
        return instance.pk
    return instance.user_id


def person_row_changed(sender, instance, **kwargs) -> None:
    """A row shown on a person's pages was written: they are out of date."""
    user_id = _user_id_of(instance)
    if user_id is not None:
        person_changed(user_id)
    if isinstance(instance, get_user_model()):
        account_changed(instance.pk)  # the kept account too (lms/backends.py)


def learning_row_changed(sender, instance, **kwargs) -> None:
    """A row of a person's state in a course was written: that course's pages and
    the pages showing all their courses are out of date."""
    enrolment = instance if isinstance(instance, Enrolment) else instance.enrolment
    if isinstance(instance, QuizAttempt):  # shown on the course's pages only
        course_state_changed(enrolment.user_id, enrolment.course_id)
        return
    learning_changed(enrolment.user_id, enrolment.course_id)
    if isinstance(instance, Enrolment):  # what the person is assigned changed too
        person_changed(enrolment.user_id)


def person_roles_changed(sender, instance, action, pk_set, **kwargs) -> None:
    """A person's groups, or the heads of a unit, changed: their roles did."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if isinstance(instance, get_user_model()):  # user.groups.add(group)
        person_changed(instance.pk)
        account_changed(instance.pk)
    elif pk_set:  # unit.heads.add(user), group.user_set.remove(user)
        for user_id in pk_set:
            person_changed(user_id)
            account_changed(user_id)
    else:  # cleared: whose roles changed is not known any more
        people_changed()


def roles_of_many_changed(sender, **kwargs) -> None:
    """A group or a unit was deleted: its members' or heads' roles changed, and
    the database removed those rows without telling anyone."""
    people_changed()


PERSON_MODELS = (Notification, StaffProfile)
LEARNING_MODELS = (Enrolment, LessonProgress, Acknowledgement, QuizAttempt, Certificate)


def connect() -> None:
    run_finished.connect(sandbox_run_finished, dispatch_uid="lms-sandbox-run")
    runs_changed.connect(sandbox_runs_changed, dispatch_uid="lms-sandbox-runs")
    packages_changed.connect(
        sandbox_packages_changed, dispatch_uid="lms-sandbox-packages"
    )
    page_published.connect(course_content_changed, dispatch_uid="lms-page-published")
    page_unpublished.connect(course_content_changed, dispatch_uid="lms-page-unpub")
    post_page_move.connect(course_content_changed, dispatch_uid="lms-page-moved")
    post_delete.connect(
        course_content_changed, sender=Page, dispatch_uid="lms-page-del"
    )
    user_model = get_user_model()
    for model in (*PERSON_MODELS, user_model):
        for signal in (post_save, post_delete):
            signal.connect(
                person_row_changed,
                sender=model,
                dispatch_uid=f"lms-person-{model.__name__}-{signal is post_save}",
            )
    for model in LEARNING_MODELS:
        for signal in (post_save, post_delete):
            signal.connect(
                learning_row_changed,
                sender=model,
                dispatch_uid=f"lms-learning-{model.__name__}-{signal is post_save}",
            )
    for model in (Group, OrgUnit):
        post_delete.connect(
            roles_of_many_changed,
            sender=model,
            dispatch_uid=f"lms-people-roles-{model.__name__}",
        )
    for through in (user_model.groups.through, OrgUnit.heads.through):
        m2m_changed.connect(
            person_roles_changed,
            sender=through,
            dispatch_uid=f"lms-person-roles-{through.__name__}",
        )
