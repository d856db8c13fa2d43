"""The one place where the learning core reads course content.

Everything goes through `courses.selectors` (lms never imports course models).
A course's outline (info, lessons, quizzes, acknowledgements, sandbox
exercises) is cached, so a start page or course page costs no content queries once
warm, however many enrolments exist; publishing or unpublishing any page bumps
the cache generation (see `lms.signals`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404

from common import request_memo
from courses import selectors as courses_selectors
from sandbox import selectors as sandbox_selectors

OUTLINE_TTL = 300
_GENERATION_KEY = "lms:outline:generation"


@dataclass
class CourseOutline:
    """What the learning core needs to know about one course, in lesson order."""

    info: Any
    lessons: list = field(default_factory=list)
    quizzes: list[tuple[int, str]] = field(default_factory=list)
    acknowledgements: list[tuple[int, str]] = field(default_factory=list)
    exercises: list = field(default_factory=list)

    @property
    def id(self) -> int:
        return self.info.id

    @property
    def duration_minutes(self) -> int:
        """The sum of the lessons' minutes (the course's estimate while none has)."""
        minutes = [x.estimated_minutes for x in self.lessons if x.estimated_minutes]
        return sum(minutes) if minutes else self.info.estimated_minutes

    @property
    def lesson_ids(self) -> list[int]:
        return [lesson.id for lesson in self.lessons]

    def lesson(self, lesson_id: int):
        return next((x for x in self.lessons if x.id == lesson_id), None)

    def lesson_index(self, lesson_id: int) -> int | None:
        for index, lesson in enumerate(self.lessons):
            if lesson.id == lesson_id:
                return index
        return None

    def quizzes_of_lesson(self, lesson_id: int) -> list[str]:
        return [block for lesson, block in self.quizzes if lesson == lesson_id]

    def acknowledgements_of_lesson(self, lesson_id: int) -> list[str]:
        return [block for lesson, block in self.acknowledgements if lesson == lesson_id]


def _memo() -> dict | None:
    """What this request has read: a page's template tags ask for the same outline
    several times, each ask two round trips to Redis (generation, then outline)."""
    return request_memo.memo("lms-content")


def outline_cache_clear() -> None:
    """Forget every cached outline (a page was published, unpublished or moved)."""
    try:
        cache.incr(_GENERATION_KEY)
    except ValueError:
        cache.set(_GENERATION_KEY, 2, None)
    memo = _memo()
    if memo is not None:
        memo.clear()


def generation() -> int:
    """The content generation: changes whenever a page is published or unpublished."""
    memo = _memo()
    current = memo.get(_GENERATION_KEY) if memo is not None else None
    if current is None:
        current = cache.get(_GENERATION_KEY)
        if current is None:
            current = 1
            cache.add(_GENERATION_KEY, current, None)
        if memo is not None:
            memo[_GENERATION_KEY] = current
    return current


def _key(kind: str, ident) -> str:
    return f"lms:{kind}:{generation()}:{ident}"


def _cached(key: str):
    memo = _memo()
    if memo is not None and key in memo:
        return memo[key]
    value = cache.get(key)
    if memo is not None and value is not None:
        memo[key] = value
    return value


def _remember(key: str, value) -> None:
    cache.set(key, value, OUTLINE_TTL)
    memo = _memo()
    if memo is not None:
        memo[key] = value


def course_outline(course_id: int) -> CourseOutline | None:
    """The outline of a live course, or None if there is no such course."""
    key = _key("outline", course_id)
    outline = _cached(key)
    if outline is None:
        info = courses_selectors.course_info(course_id)
        if info is None:
            return None
        outline = CourseOutline(
            info=info,
            lessons=sorted(
                courses_selectors.lessons_of_course(course_id), key=lambda x: x.order
            ),
            quizzes=courses_selectors.quizzes_of_course(course_id),
            acknowledgements=courses_selectors.acknowledgements_of_course(course_id),
            exercises=list(courses_selectors.sandbox_exercises_of_course(course_id)),
        )
        _remember(key, outline)
    return outline


def course_id_of_lesson(lesson_id: int) -> int | None:
    """The course a lesson belongs to (cached)."""
    key = _key("lesson-course", lesson_id)
    course_id = _cached(key)
    if course_id is None:
        info = courses_selectors.course_of_lesson(lesson_id)
        if info is None:
            return None
        course_id = info.id
        _remember(key, course_id)
    return course_id


def course_id_of_page(page_id: int) -> int | None:
    """The course a page belongs to: a course page's own id, a lesson's course, or
    None for any other page (cached)."""
    key = _key("page-course", page_id)
    course_id = _cached(key)
    if course_id is None:
        course = courses_selectors.course_info(page_id)
        if course is None:
            course = courses_selectors.course_of_lesson(page_id)
        course_id = course.id if course is not None else 0
        _remember(key, course_id)
    return course_id or None


def course_ids_live() -> list[int]:
    """Ids of every published course, for the catalogue."""
    return list(courses_selectors.course_list().values_list("id", flat=True))


def quiz_get(*, lesson_id: int, block_id: str):
    """A quiz with its answer key, or None.

    Kept in the shared cache under the content generation like the outline:
    reading it means reading the lesson's whole body and turning every question's
    explanation and feedback into safe HTML, which was a fifth of a quiz
    submission's CPU (the POST grades with it, the page it redirects to shows the
    result with it). Publishing, unpublishing, moving or deleting a page starts a
    new generation.
    """
    key = _key("quiz", f"{lesson_id}:{block_id}")
    quiz = _cached(key)
    if quiz is None:
        try:
            quiz = courses_selectors.quiz_get(page_id=lesson_id, block_id=block_id)
        except (LookupError, ObjectDoesNotExist, Http404):
            quiz = None
        if quiz is not None:
            _remember(key, quiz)
    return quiz


def exercise_blocks_completion(process_id: str) -> bool:
    """THE rule for sandbox exercises and course completion.

    An exercise blocks completion only once the sandbox app has that process
    (a course may be published before its sandbox package is uploaded).
    """
    return sandbox_selectors.process_exists(process_id)


def exercise_passed(*, user_id: int, process_id: str) -> bool:
    return sandbox_selectors.process_passed_by_user(
        user_id=user_id, process_id=process_id
    )
