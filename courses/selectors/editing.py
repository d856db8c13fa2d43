"""Reads for the editing room (the CMS dashboard, the lead trainer's start page and
the approver's impact view): pages in review, a person's drafts, what a page in
review touches."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, TaskState, WorkflowState

from courses.models import CoursePage, LessonPage


@dataclass(frozen=True)
class ReviewFacts:
    """What publishing a page in review touches: its course, and whether it is new."""

    page_id: int
    title: str
    kind: str  # "lesson", "course" or "other"
    course_id: int | None
    course_title: str
    is_new: bool  # never published before


def page_review_facts(page_id: int) -> ReviewFacts | None:
    """The course a page (published or not) belongs to, and whether it is new.

    For the review: the approver is shown what publishing it changes for learners.
    """
    fields = ("pk", "path", "draft_title", "first_published_at")
    lesson = LessonPage.objects.filter(pk=page_id).values(*fields).first()
    course_path = lesson["path"][: -Page.steplen] if lesson else None
    row = lesson or CoursePage.objects.filter(pk=page_id).values(*fields).first()
    if row is None:
        page = Page.objects.filter(pk=page_id).values(*fields).first()
        if page is None:
            return None
        return ReviewFacts(
            page_id=page_id,
            title=page["draft_title"],
            kind="other",
            course_id=None,
            course_title="",
            is_new=page["first_published_at"] is None,
        )
    course = (
        CoursePage.objects.filter(path=course_path or row["path"])
        .values("pk", "draft_title")
        .first()
    )
    return ReviewFacts(
        page_id=page_id,
        title=row["draft_title"],
        kind="lesson" if lesson else "course",
        course_id=course["pk"] if course else None,
        course_title=course["draft_title"] if course else "",
        is_new=row["first_published_at"] is None,
    )


# --- -------------------------------------------------------------------


@dataclass(frozen=True)
class EditorItem:
    """A course or lesson page in the editing room (draft or waiting for review)."""

    page_id: int
    title: str
    status: str  # "draft", "in_review", "needs_changes"
    changed_at: dt.datetime | None
    submitted_by: str = ""


def _person_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def pages_awaiting_review(user) -> list[EditorItem]:
    """Course and lesson pages whose review step this person may decide, newest first."""
    page_type = ContentType.objects.get_for_model(Page)
    states = (
        TaskState.objects.reviewable_by(user)
        .filter(workflow_state__base_content_type=page_type)
        .select_related("revision", "workflow_state__requested_by")
        .order_by("-started_at")
    )
    return [
        EditorItem(
            page_id=int(state.workflow_state.object_id),
            title=state.revision.object_str if state.revision else "",
            status="in_review",
            changed_at=state.started_at,
            submitted_by=_person_name(state.workflow_state.requested_by),
        )
        for state in states
    ]


def drafts_of_user(user, *, limit: int = 20) -> list[EditorItem]:
    """Course and lesson pages with unpublished changes last edited by this person."""
    pages = list(
        Page.objects.type(CoursePage, LessonPage)
        .filter(has_unpublished_changes=True, latest_revision__user=user)
        .order_by("-latest_revision_created_at")
        .values("pk", "draft_title", "latest_revision_created_at")[:limit]
    )
    states = dict(
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(page["pk"]) for page in pages],
            status__in=[
                WorkflowState.STATUS_IN_PROGRESS,
                WorkflowState.STATUS_NEEDS_CHANGES,
            ],
        ).values_list("object_id", "status")
    )
    status_of = {
        WorkflowState.STATUS_IN_PROGRESS: "in_review",
        WorkflowState.STATUS_NEEDS_CHANGES: "needs_changes",
    }
    return [
        EditorItem(
            page_id=page["pk"],
            title=page["draft_title"],
            status=status_of.get(states.get(str(page["pk"]), ""), "draft"),
            changed_at=page["latest_revision_created_at"],
        )
        for page in pages
    ]


# --- Blocks inside lessons --------------------------------------------------------------
