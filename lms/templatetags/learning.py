"""Learner-specific parts of content pages.

`courses` templates load this library, so course content stays content only while
progress, buttons and quiz results come from the learning core. Each tag receives the
Wagtail page (and a block id) and reads everything else itself.

Cheap by design: a page's tags share one `LearnerState` per course and request
(a fixed handful of queries for the person), and course structure comes from the
cached outline, so a page's query count does not grow with enrolments or lessons.
"""

from django import template
from django.template.loader import render_to_string
from django.urls import reverse

from lms.fragments import person_fragment
from lms.grading import answer_text, form_values_from_answers
from lms.selectors import content
from lms.selectors.notifications import notifications_unread_count
from lms.selectors.progress import (
    MISSING_ACKNOWLEDGEMENT,
    MISSING_EXERCISE,
    MISSING_LESSON,
    MISSING_QUIZ,
    completion_missing,
    learner_state_cached,
    lessons_counted,
)
from lms.selectors.training import my_training
from sandbox import selectors as sandbox_selectors

register = template.Library()


def _request(context):
    return context.get("request")


def _state(context, course_id: int):
    """The learner's state in a course, read once per request."""
    request = _request(context)
    if request is None or not request.user.is_authenticated:
        return None
    memo = getattr(request, "_lotse_learner", None)
    if memo is None:
        memo = request._lotse_learner = {}
    if course_id not in memo:
        memo[course_id] = learner_state_cached(request.user, course_id)
    return memo[course_id]


MISSING_ANCHORS = {
    MISSING_QUIZ: "quiz-",
    MISSING_ACKNOWLEDGEMENT: "ack-",
    MISSING_EXERCISE: "uebung-",
}


def missing_links(outline, items) -> list[dict]:
    """What is still missing, each with the address that leads to it."""
    links = []
    for item in items:
        lesson = outline.lesson(item.lesson_id)
        url = lesson.url if lesson else outline.info.url
        anchor = MISSING_ANCHORS.get(item.kind)
        if anchor and item.block_id:
            url = f"{url}#{anchor}{item.block_id}"
        links.append({"kind": item.kind, "title": item.title, "url": url})
    return links


def _render(context, name: str, values: dict) -> str:
    """A tag's own template, with the page's CSRF token (the placeholder inside
    a cached fragment) but without running the context processors again: the
    page has its menu, roles and messages already, and each tag recomputing them
    cost as much as the tag itself."""
    return render_to_string(
        f"lms/learning/tags/{name}.html",
        {**values, "csrf_token": context.get("csrf_token")},
    )


@register.simple_tag(takes_context=True)
def course_actions(context, page):
    """Course page: progress and the enrol / start / continue button."""
    outline = content.course_outline(page.id)
    state = _state(context, page.id)
    if outline is None or state is None:
        return ""
    enrolment = state.enrolment
    counted = lessons_counted(outline, enrolment, state.done_lessons)
    done = state.done_lessons & {lesson.id for lesson in counted}
    next_lesson = next(
        (x for x in outline.lessons if x.id not in state.done_lessons), None
    )
    open_items = []
    if enrolment is not None and enrolment.completed_at is None:
        # Read always (constant queries), shown once the learner has begun.
        open_items = missing_links(outline, completion_missing(outline, state))
        if not done and next_lesson is not None:
            open_items = []
    return _render(
        context,
        "course_actions",
        {
            "outline": outline,
            "enrolment": enrolment,
            "certificate": getattr(enrolment, "certificate", None)
            if enrolment and enrolment.completed_at
            else None,
            "done": len(done),
            "total": len(counted),
            "next_lesson": next_lesson,
            "next_position": (outline.lesson_index(next_lesson.id) or 0) + 1
            if next_lesson
            else None,
            "first_lesson": outline.lessons[0] if outline.lessons else None,
            "open_items": open_items,
        },
    )


@register.simple_tag(takes_context=True)
def lesson_actions(context, page):
    """Lesson page: what is still missing here, and the one way on ("Weiter").

    Moving on marks a lesson without quiz or acknowledgement done; on the last
    lesson the button finishes the course when nothing else is missing.
    """
    course_id = content.course_id_of_lesson(page.id)
    outline = content.course_outline(course_id) if course_id else None
    state = _state(context, course_id) if outline else None
    index = outline.lesson_index(page.id) if outline else None
    if outline is None or state is None or index is None:
        return ""
    missing = completion_missing(outline, state)
    here = [x for x in missing if x.lesson_id == page.id and x.kind != MISSING_LESSON]
    has_checks = bool(
        outline.quizzes_of_lesson(page.id)
        or outline.acknowledgements_of_lesson(page.id)
    )
    # Left after moving on from here: everything but this lesson's own "read it".
    left = [
        x
        for x in missing
        if not (x.kind == MISSING_LESSON and x.lesson_id == page.id and not has_checks)
    ]
    completed = state.enrolment is not None and state.enrolment.completed_at
    return _render(
        context,
        "lesson_actions",
        {
            "lesson_id": page.id,
            "is_done": page.id in state.done_lessons,
            "missing_here": missing_links(outline, here),
            "previous": outline.lessons[index - 1] if index > 0 else None,
            "following": outline.lessons[index + 1]
            if index + 1 < len(outline.lessons)
            else None,
            "finishes": not completed and not left,
            "completed": bool(completed),
        },
    )


@register.simple_tag(takes_context=True)
def lesson_progress(context, page):
    """Lesson page: where the learner stands in the course."""
    course_id = content.course_id_of_lesson(page.id)
    outline = content.course_outline(course_id) if course_id else None
    state = _state(context, course_id) if outline else None
    if outline is None or state is None:
        return ""
    index = outline.lesson_index(page.id)
    return _render(
        context,
        "lesson_progress",
        {
            "outline": outline,
            "position": (index or 0) + 1,
            "total": len(outline.lessons),
            "done": len(state.done_lessons & set(outline.lesson_ids)),
        },
    )


@register.simple_tag
def quiz_form_action(page, block_id):
    """The URL a quiz form posts its answers to."""
    return reverse(
        "learning:quiz_submit", kwargs={"lesson_id": page.id, "block_id": str(block_id)}
    )


@register.simple_tag(takes_context=True)
def quiz_last_form_values(context, page, block_id):
    """The quiz form's fields as the learner last filled them in ({} before a try),
    so that a retry starts from their own answers."""
    course_id = content.course_id_of_lesson(page.id)
    state = _state(context, course_id) if course_id else None
    if state is None:
        return {}
    attempt = state.latest_attempts.get((page.id, str(block_id)))
    if attempt is None or not isinstance(attempt.answers, dict):
        return {}
    quiz = content.quiz_get(lesson_id=page.id, block_id=str(block_id))
    return form_values_from_answers(quiz, attempt.answers) if quiz else {}


@register.simple_tag(takes_context=True)
def quiz_result(context, page, block_id):
    """The learner's latest graded attempt of this quiz with feedback per question."""
    course_id = content.course_id_of_lesson(page.id)
    state = _state(context, course_id) if course_id else None
    if state is None:
        return ""
    key = (page.id, str(block_id))
    attempt = state.latest_attempts.get(key)
    if attempt is None:
        return ""
    outline = content.course_outline(course_id)
    quiz = content.quiz_get(lesson_id=page.id, block_id=str(block_id))
    questions = {q.id: q for q in quiz.questions} if quiz else {}
    answers = attempt.answers if isinstance(attempt.answers, dict) else {}
    items = [
        {
            **item,
            "own_answer": answer_text(
                questions[item["question_id"]], answers.get(item["question_id"])
            )
            if item.get("question_id") in questions
            else "",
        }
        for item in attempt.feedback
    ]
    return _render(
        context,
        "quiz_result",
        {
            "items": items,
            "attempt": attempt,
            "best": state.best_scores.get(key, attempt.score),
            "ever_passed": key in state.passed,
            "pass_mark": outline.info.pass_mark if outline else None,
        },
    )


@register.simple_tag(takes_context=True)
def acknowledge_form(context, page, block_id, statement=""):
    """'I have read and understood' for a mandatory instruction.

    The block's own statement is the checkbox's label (said once, not twice).
    """
    course_id = content.course_id_of_lesson(page.id)
    state = _state(context, course_id) if course_id else None
    if state is None:
        return ""
    return _render(
        context,
        "acknowledge_form",
        {
            "lesson_id": page.id,
            "block_id": str(block_id),
            "statement": statement,
            "given_at": state.acknowledged.get((page.id, str(block_id))),
        },
    )


def _my_items(context) -> dict:
    """The person's training items by course id, read once per request."""
    request = _request(context)
    if request is None or not request.user.is_authenticated:
        return {}
    memo = getattr(request, "_lotse_my_training", None)
    if memo is None:
        memo = request._lotse_my_training = {
            item.outline.id: item for item in my_training(request.user)
        }
    return memo


@register.simple_tag(takes_context=True)
def catalogue_status(context, course):
    """Catalogue card: my own state in the course, and whether it is mandatory
    for me (the course's general hint only when it is not)."""
    item = _my_items(context).get(course.pk)
    return _render(
        context,
        "catalogue_status",
        {
            "item": item,
            "mandatory_for_me": bool(item and item.enrolment.is_mandatory),
            "hint": course.is_mandatory_hint,
        },
    )


@register.simple_tag(takes_context=True)
def catalogue_listing(context, page):
    """The catalogue without a search: course cards with my state in each, kept
    rendered per person (`lms.fragments`; the path holds the initiative filter)."""
    request = _request(context)
    return person_fragment(
        request,
        "catalogue",
        "courses/includes/catalogue_listing.html",
        lambda: page.listing_context(request),
    )


@register.simple_tag(takes_context=True)
def my_training_summary(context):
    """Start page, section "Meine Schulungen": current courses and links."""
    request = _request(context)
    if request is None or not request.user.is_authenticated:
        return ""
    return person_fragment(
        request,
        "home_training",
        "lms/learning/home_section.html",
        lambda: {
            "items": my_training(request.user),
            "unread": notifications_unread_count(request.user),
        },
    )


@register.inclusion_tag("lms/tags/sandbox_exercise_card.html", takes_context=True)
def sandbox_exercise_card(context, process_id, case_id, mode):
    """A card that starts the sandbox exercise, or 'not available yet'.

    Courses name a process by its id only; whether it exists is asked here, so a
    course can be written before its sandbox package is uploaded.
    """
    available = sandbox_selectors.case_exists(process_id, case_id)
    request = context.get("request")
    last_run = None
    user = getattr(request, "user", None)
    if available and user is not None and user.is_authenticated:
        last_run = sandbox_selectors.latest_finished_run(
            user_id=user.pk, process_id=process_id, case_id=case_id
        )
    return {
        "request": request,
        "available": available,
        "last_run": last_run,
        "back": request.get_full_path() if request is not None else "",
        "process_id": process_id,
        "case_id": case_id,
        "mode": mode,
        "mode_label": sandbox_selectors.mode_label(mode),
    }
