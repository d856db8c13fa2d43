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

from wagtail.models import Page

from courses.blocks.quiz import ordering_display_order
from courses.html import clean_html, linkify_text
from courses.models import CoursePage, LessonPage
from courses.page_cache import generation as content_generation
from courses.page_cache import route_for_person_pages

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
    "SandboxExercise",
    "course_list",
    "course_get",
    "course_info",
    "course_of_lesson",
    "lessons_of_course",
    "course_summaries",
    "quizzes_of_course",
    "acknowledgements_of_course",
    "sandbox_exercises_of_course",
    "lesson_block_kinds",
    "quiz_get",
    "clean_html",
    "content_generation",
    "route_for_person_pages",
]
