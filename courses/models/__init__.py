"""Course content: catalogue → course → lesson pages (`pages`), and lesson videos
with captions (`media`).

`courses` is content only: enrolment, progress and grading live in `lms` and
appear on these pages through the `learning` template tags. Other apps read
courses through `courses.selectors`, never through these models.
"""

from courses.models.media import LessonMedia, validate_webvtt
from courses.models.pages import (
    SEARCH_QUERY_MAX_LENGTH,
    UNPUBLISH_CODENAME,
    CourseCatalogue,
    CoursePage,
    LessonPage,
    LoginRequiredPage,
    UnpublishPermissionTester,
    german_slug,
    search_terms,
)

__all__ = [
    "SEARCH_QUERY_MAX_LENGTH",
    "UNPUBLISH_CODENAME",
    "CourseCatalogue",
    "CoursePage",
    "LessonMedia",
    "LessonPage",
    "LoginRequiredPage",
    "UnpublishPermissionTester",
    "german_slug",
    "search_terms",
    "validate_webvtt",
]
