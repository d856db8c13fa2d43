"""Reads of `exchange`: the course a package is built from, adopted courses."""

from __future__ import annotations

from courses.models import CourseCatalogue, CoursePage
from lms.models import LearningEvent

from .models import EXCHANGE_BROWSE_PERMISSION, CourseOrigin, CourseUpdate
from .xapi import FORWARDED_VERBS


def course_for_export(*, course_id: int | None = None, slug: str | None = None):
    """The course page to export, by id or slug, or ``None``."""
    courses = CoursePage.objects.all()
    if course_id is not None:
        return courses.filter(pk=course_id).first()
    return courses.filter(slug=slug).order_by("path").first()


def origin_of_course(course_id: int) -> CourseOrigin | None:
    return CourseOrigin.objects.filter(course_id=course_id).first()


def updates_pending() -> list[CourseUpdate]:
    """Updates that wait for a person, newest first."""
    return list(
        CourseUpdate.objects.filter(status=CourseUpdate.Status.PENDING)
        .select_related("course_origin__course")
        .order_by("-created_at")
    )


def update_get(update_id: int) -> CourseUpdate | None:
    return (
        CourseUpdate.objects.select_related("course_origin__course")
        .filter(pk=update_id)
        .first()
    )


def may_adopt_courses(user) -> bool:
    """Whether ``user`` may add a course to some catalogue (trainers and up) or
    adopt from the Kursbörse (training admins)."""
    if user.has_perm(EXCHANGE_BROWSE_PERMISSION):
        return True
    return any(
        catalogue.permissions_for_user(user).can_add_subpage()
        for catalogue in CourseCatalogue.objects.all()
    )


def learning_events_for_xapi(
    *, after_id: int = 0, since=None, limit: int = 100
) -> list:
    """Learning events that are xAPI statements, in id order, after ``after_id``
    and stored at or after ``since``."""
    events = LearningEvent.objects.filter(
        pk__gt=after_id, verb__in=FORWARDED_VERBS
    ).order_by("pk")
    if since is not None:
        events = events.filter(timestamp__gte=since)
    return list(events[:limit])
