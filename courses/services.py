"""Writes of `courses` that are more than editing a page in the Wagtail admin."""

import uuid

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtailmedia.models import Media

from courses.models import UNPUBLISH_CODENAME, CourseCatalogue, LessonPage
from courses.quiz_import import QuizImportError, parse_questions

LEAD_GROUP = "Schulungsleitung"
TRAINER_GROUP = "Schulungsteam"  # a role group of lms.roles; named here, never imported
WORKFLOW_NAME = "Redaktionelle Prüfung"
TASK_NAME = "Freigabe durch die Schulungsleitung"

# Trainers add and edit below the catalogue and submit for review; they cannot publish.
TRAINER_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]
# The lead trainers publish only by approving in the review (the workflow publishes
# for them, see `courses.workflow`): no plain "Veröffentlichen" that skips it.
# Publishing directly stays a deliberate administrator permission.
# They may take a page offline, though (Lotse's own `unpublish_page`).
LEAD_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "lock_page",
    "unlock_page",
    UNPUBLISH_CODENAME,
]
UNPUBLISH_PERMISSION_NAME = "Veröffentlichung von Seiten aufheben"


@transaction.atomic
def catalogue_setup_review(*, catalogue: CourseCatalogue) -> Workflow:
    """Give a catalogue its review workflow and editing rights (idempotent).

    Creates the group "Schulungsleitung" (with admin access) when missing, assigns the
    workflow "Redaktionelle Prüfung" (one group approval task for that group) to the
    catalogue, lets "Schulungsteam" add and edit only below the catalogue, lets
    "Schulungsleitung" also unlock and unpublish there (it publishes only by
    approving in the review), and lets both use images, documents and videos of the root
    collection. Permissions elsewhere are left untouched.
    """
    lead_group, _ = Group.objects.get_or_create(name=LEAD_GROUP)
    trainer_group, _ = Group.objects.get_or_create(name=TRAINER_GROUP)
    lead_group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )

    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(lead_group)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    WorkflowPage.objects.update_or_create(
        page=catalogue, defaults={"workflow": workflow}
    )

    page_type = ContentType.objects.get_for_model(Page)
    Permission.objects.get_or_create(
        content_type=page_type,
        codename=UNPUBLISH_CODENAME,
        defaults={"name": UNPUBLISH_PERMISSION_NAME},
    )
    GroupPagePermission.objects.filter(
        group=lead_group, page=catalogue, permission__codename="publish_page"
    ).delete()
    for group, codenames in (
        (trainer_group, TRAINER_PAGE_PERMISSIONS),
        (lead_group, LEAD_PAGE_PERMISSIONS),
    ):
        for permission in Permission.objects.filter(
            content_type=page_type, codename__in=codenames
        ):
            GroupPagePermission.objects.get_or_create(
                group=group, page=catalogue, permission=permission
            )

    collection = Collection.get_first_root_node()
    if collection is not None:
        # wagtailmedia checks the permissions of its own Media model, also for ours.
        for model in (get_image_model(), get_document_model(), Media):
            for permission in Permission.objects.filter(
                content_type=ContentType.objects.get_for_model(model),
                codename__regex=r"^(add|change|choose)_",
            ):
                for group in (trainer_group, lead_group):
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=collection, permission=permission
                    )
    return workflow


NEW_QUIZ = "neu"


@transaction.atomic
def lesson_import_questions(
    *, lesson: LessonPage, text: str, fmt: str, quiz_block_id: str, user
) -> int:
    """Append questions from a GIFT, Moodle XML or Aiken text to a quiz of the lesson.

    `quiz_block_id` names a quiz block of the lesson's latest draft, or NEW_QUIZ for a
    new quiz at the end. All or nothing: a bad question raises QuizImportError (one
    German sentence per bad question) and nothing is saved. The result is a new
    draft revision by `user`; publishing still goes through the review.
    """
    items = parse_questions(text, fmt)
    draft = lesson.get_latest_revision_as_object()
    body = [dict(block) for block in draft.body.raw_data]
    if quiz_block_id == NEW_QUIZ:
        body.append(
            {
                "type": "quiz",
                "id": str(uuid.uuid4()),
                "value": {"title": "Wissen prüfen", "intro": "", "questions": items},
            }
        )
    else:
        quiz = next(
            (
                b
                for b in body
                if b.get("type") == "quiz" and b.get("id") == quiz_block_id
            ),
            None,
        )
        if quiz is None:
            raise QuizImportError([_("Dieses Quiz gibt es in der Lektion nicht.")])
        value = dict(quiz["value"])
        value["questions"] = list(value.get("questions") or []) + items
        quiz["value"] = value
    draft.body = body
    draft.save_revision(user=user, log_action=True)
    return len(items)
