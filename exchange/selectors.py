"""Reads of `exchange`: the course a package is built from, adopted courses."""

from __future__ import annotations

from courses.models import CourseCatalogue, CoursePage

from .models import CourseOrigin, CourseUpdate


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
    """Whether ``user`` may add a course to some catalogue (trainers and up)."""
    return any(
        catalogue.permissions_for_user(user).can_add_subpage()
        for catalogue in CourseCatalogue.objects.all()
    )
