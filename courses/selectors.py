"""Every read of course content that other apps need.

`lms` and `analytics` read courses only through these functions, which return plain
dataclasses (never pages, except `course_list` and `course_get`). They read live pages
only and parse the raw StreamField JSON instead of building block values, so each
costs one or two queries however large the course is.
"""

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, TaskState, WorkflowState

from courses.blocks.quiz import ordering_display_order
from courses.html import clean_html, linkify_text
from courses.models import CoursePage, LessonPage

QUESTION_KINDS = ("single", "multiple", "true_false", "ordering", "numeric")
TRUE_FALSE_LABELS = {"true": "Richtig", "false": "Falsch"}


@dataclass(frozen=True)
class CourseInfo:
    id: int
    title: str
    slug: str
    url: str
    initiative: str
    pass_mark: int
    certificate_validity_months: int | None
    estimated_minutes: int
    is_mandatory_hint: bool = False


@dataclass(frozen=True)
class LessonInfo:
    id: int
    title: str
    slug: str
    url: str
    order: int
    published_at: dt.datetime | None = None  # first published
    estimated_minutes: int | None = None


@dataclass(frozen=True)
class ReviewFacts:
    """What publishing a page in review touches: its course, and whether it is new."""

    page_id: int
    title: str
    kind: str  # "lesson", "course" or "other"
    course_id: int | None
    course_title: str
    is_new: bool  # never published before


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    feedback: str = ""  # HTML, already through clean_html()


@dataclass(frozen=True)
class Question:
    """One quiz question with its answer key.

    `correct` by kind: single → option id; multiple → sorted option ids; true_false →
    bool; ordering → option ids in the correct order; numeric → float (± `tolerance`).
    For ordering questions the options come in the order the page shows them, and
    their ids are positions in that list, so the field names on the page reveal
    nothing about the correct order.
    """

    id: str
    kind: str
    text: str
    options: list[Option] = field(default_factory=list)
    correct: str | list[str] | bool | float | None = None
    tolerance: float = 0.0
    unit: str = ""
    explanation: str = ""  # HTML, already through clean_html()


@dataclass(frozen=True)
class Quiz:
    page_id: int
    block_id: str
    title: str
    questions: list[Question]


@dataclass(frozen=True)
class SandboxExercise:
    lesson_id: int
    block_id: str
    process_id: str
    case_id: str
    mode: str
    title: str


# --- Courses and lessons --------------------------------------------------------------


def course_list(*, initiative: str | None = None):
    """Live courses ordered by title, optionally of one initiative (a queryset)."""
    courses = CoursePage.objects.live().order_by("title")
    if initiative is not None:
        courses = courses.filter(initiative=initiative)
    return courses


def course_get(course_id: int) -> CoursePage | None:
    """The live course page with this id, or None."""
    return CoursePage.objects.live().filter(pk=course_id).first()


def _course_info(course: CoursePage) -> CourseInfo:
    return CourseInfo(
        id=course.pk,
        title=course.title,
        slug=course.slug,
        url=course.get_url() or "",
        initiative=course.initiative,
        pass_mark=course.pass_mark,
        certificate_validity_months=course.certificate_validity_months,
        estimated_minutes=course.estimated_minutes,
        is_mandatory_hint=course.is_mandatory_hint,
    )


def course_info(course_id: int) -> CourseInfo | None:
    """The facts `lms` needs about a live course (pass mark, validity, ...)."""
    course = course_get(course_id)
    return _course_info(course) if course else None


def course_of_lesson(lesson_id: int) -> CourseInfo | None:
    """The live course a lesson (published or not) belongs to, or None."""
    path = (
        LessonPage.objects.filter(pk=lesson_id).values_list("path", flat=True).first()
    )
    if not path:
        return None
    course = CoursePage.objects.live().filter(path=path[: -Page.steplen]).first()
    return _course_info(course) if course else None


def _live_lessons_of(course_id: int):
    course = (
        CoursePage.objects.live().filter(pk=course_id).values("path", "depth").first()
    )
    if course is None:
        return LessonPage.objects.none()
    return (
        LessonPage.objects.live()
        .filter(path__startswith=course["path"], depth=course["depth"] + 1)
        .order_by("path")
    )


def lessons_of_course(course_id: int) -> list[LessonInfo]:
    """Live lessons of a live course in tree order (`order` counts from 1)."""
    lessons = _live_lessons_of(course_id).defer_streamfields()
    return [
        LessonInfo(
            id=lesson.pk,
            title=lesson.title,
            slug=lesson.slug,
            url=lesson.get_url() or "",
            order=position,
            published_at=lesson.first_published_at,
            estimated_minutes=lesson.estimated_minutes,
        )
        for position, lesson in enumerate(lessons, start=1)
    ]


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


def course_summaries() -> list[dict]:
    """Live courses with their number of live lessons, ordered by title (two queries)."""
    courses = list(course_list())
    counts: dict[str, int] = {}
    for path in LessonPage.objects.live().values_list("path", flat=True):
        parent = path[: -Page.steplen]
        counts[parent] = counts.get(parent, 0) + 1
    return [
        {
            "id": course.pk,
            "slug": course.slug,
            "title": course.title,
            "initiative": course.initiative,
            "lessons": counts.get(course.path, 0),
            "estimated_minutes": course.estimated_minutes,
        }
        for course in courses
    ]


# --- The editing room -------------------------------------------------------------------


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


def _raw_blocks(body) -> list[dict]:
    """The top-level blocks of a StreamField value as raw dicts (no block instances)."""
    if body is None:
        return []
    if isinstance(body, str):
        return json.loads(body or "[]")
    raw = getattr(body, "raw_data", body)
    return [dict(item) for item in raw]


def _list_items(raw) -> list:
    """ListBlock values are stored as [{"type": "item", "value": ...}] or plain lists."""
    items = []
    for item in raw or []:
        if (
            isinstance(item, dict)
            and item.get("type") == "item"
            and "id" in item
            and "value" in item
        ):
            items.append(item["value"])
        else:
            items.append(item)
    return items


def _lesson_bodies(course_id: int) -> Iterable[tuple[int, list[dict]]]:
    for lesson_id, body in _live_lessons_of(course_id).values_list("id", "body"):
        yield lesson_id, _raw_blocks(body)


def _blocks_of_course(course_id: int, block_type: str) -> list[tuple[int, dict]]:
    return [
        (lesson_id, block)
        for lesson_id, blocks in _lesson_bodies(course_id)
        for block in blocks
        if block.get("type") == block_type
    ]


def quizzes_of_course(course_id: int) -> list[tuple[int, str]]:
    """(lesson id, block id) of every quiz in the live lessons, in tree order."""
    return [
        (lesson_id, block["id"])
        for lesson_id, block in _blocks_of_course(course_id, "quiz")
    ]


def acknowledgements_of_course(course_id: int) -> list[tuple[int, str]]:
    """(lesson id, block id) of every acknowledgement block, in tree order."""
    return [
        (lesson_id, block["id"])
        for lesson_id, block in _blocks_of_course(course_id, "acknowledgement")
    ]


def sandbox_exercises_of_course(course_id: int) -> list[SandboxExercise]:
    """The sandbox exercise blocks of a course's live lessons, in tree order."""
    exercises = []
    for lesson_id, block in _blocks_of_course(course_id, "sandbox_exercise"):
        value = block.get("value") or {}
        exercises.append(
            SandboxExercise(
                lesson_id=lesson_id,
                block_id=block["id"],
                process_id=value.get("process_id", ""),
                case_id=value.get("case_id", ""),
                mode=value.get("mode") or "guided",
                title=value.get("title", ""),
            )
        )
    return exercises


def lesson_block_kinds(lesson_id: int) -> list[str]:
    """The block types of a live lesson's body, in order (e.g. ["text", "quiz"])."""
    body = (
        LessonPage.objects.live()
        .filter(pk=lesson_id)
        .values_list("body", flat=True)
        .first()
    )
    return [block.get("type", "") for block in _raw_blocks(body)]


def quiz_get(*, page_id: int, block_id: str) -> Quiz | None:
    """A quiz of a live lesson with its answer key, or None if it does not exist."""
    body = (
        LessonPage.objects.live()
        .filter(pk=page_id)
        .values_list("body", flat=True)
        .first()
    )
    for block in _raw_blocks(body):
        if block.get("type") == "quiz" and block.get("id") == block_id:
            value = block.get("value") or {}
            questions = [
                question
                for raw in value.get("questions") or []
                if (question := _question(raw)) is not None
            ]
            return Quiz(
                page_id=page_id,
                block_id=block_id,
                title=value.get("title", ""),
                questions=questions,
            )
    return None


def _rich(text: str | None) -> str:
    return linkify_text(text) if text else ""


def _question(raw: dict) -> Question | None:
    kind = raw.get("type")
    if kind not in QUESTION_KINDS:
        return None
    qid = str(raw.get("id") or "")
    value = raw.get("value") or {}
    common = {
        "id": qid,
        "kind": kind,
        "text": value.get("text", ""),
        "explanation": _rich(value.get("explanation")),
    }
    if kind in ("single", "multiple"):
        options = _list_items(value.get("options"))
        correct_ids = [
            str(i) for i, option in enumerate(options) if option.get("correct")
        ]
        return Question(
            **common,
            options=[
                Option(
                    id=str(i),
                    text=option.get("text", ""),
                    feedback=_rich(option.get("feedback")),
                )
                for i, option in enumerate(options)
            ],
            correct=(correct_ids[0] if correct_ids else None)
            if kind == "single"
            else sorted(correct_ids),
        )
    if kind == "true_false":
        return Question(
            **common,
            options=[
                Option(id=key, text=label) for key, label in TRUE_FALSE_LABELS.items()
            ],
            correct=value.get("correct") == "true",
        )
    if kind == "ordering":
        items = [str(item) for item in _list_items(value.get("items"))]
        order = ordering_display_order(len(items), qid)
        return Question(
            **common,
            options=[
                Option(id=str(pos), text=items[authored])
                for pos, authored in enumerate(order)
            ],
            correct=[str(order.index(authored)) for authored in range(len(items))],
        )
    return Question(
        **common,
        correct=float(value.get("answer") or 0),
        tolerance=abs(float(value.get("tolerance") or 0)),
        unit=value.get("unit", "") or "",
    )


__all__ = [
    "CourseInfo",
    "LessonInfo",
    "Option",
    "Question",
    "Quiz",
    "EditorItem",
    "ReviewFacts",
    "SandboxExercise",
    "course_list",
    "course_get",
    "course_info",
    "course_of_lesson",
    "lessons_of_course",
    "page_review_facts",
    "pages_awaiting_review",
    "drafts_of_user",
    "course_summaries",
    "quizzes_of_course",
    "acknowledgements_of_course",
    "sandbox_exercises_of_course",
    "lesson_block_kinds",
    "quiz_get",
    "clean_html",
]
