"""Learner-specific parts of content pages (DESIGN.md §3).

`courses` templates load this library, so course content stays content only while
progress, buttons and quiz results come from the learning core. Each tag receives the
Wagtail page (and a block id) and reads everything else itself.
"""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def course_actions(context, page):
    """Course page: progress and the enrol / start / continue button."""
    return ""


@register.simple_tag(takes_context=True)
def lesson_progress(context, page):
    """Lesson page: where the learner stands in the course."""
    return ""


@register.simple_tag(takes_context=True)
def lesson_complete_button(context, page):
    """Lesson page: 'mark as done' (or the done state)."""
    return ""


@register.simple_tag
def quiz_form_action(page, block_id):
    """The URL a quiz form posts its answers to."""
    return ""


@register.simple_tag(takes_context=True)
def quiz_result(context, page, block_id):
    """The learner's latest graded attempt of this quiz with feedback per question."""
    return ""


@register.simple_tag(takes_context=True)
def acknowledge_form(context, page, block_id):
    """'I have read and understood' for a mandatory instruction."""
    return ""


@register.simple_tag(takes_context=True)
def sandbox_exercise_card(context, process_id, case_id, mode):
    """A card that starts the sandbox exercise, or 'not available yet'."""
    return ""
