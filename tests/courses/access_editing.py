"""Rows of the authorisation table (tests/test_authorisation.py) for the editing
room's own pages (issue 11), mounted under /cms/.

The quiz import for a lesson that never exists: people without access to the
editing room are sent to its login page, the others learn that the lesson does not
exist. tests/courses/test_quiz_import.py and tests/e2e/test_authoring_flow.py import
into a real lesson; only people who may edit that lesson get the form.
"""

from tests.support.access import row

MISSING_LESSON_ID = 999_999

EXPECTED: dict = {}

PAGES = {
    f"/cms/lektionen/{MISSING_LESSON_ID}/quizfragen-import/": row(
        302, 302, 404, 302, 404, 404
    ),
}
