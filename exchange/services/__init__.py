"""Every write of `exchange`: importing course packages and updates, and
forwarding learning events to an external LRS."""

from .course_update import (
    course_update_apply,
    course_update_discard,
    course_update_plan,
)
from .packages import course_package_import

__all__ = [
    "course_package_import",
    "course_update_apply",
    "course_update_discard",
    "course_update_plan",
]
