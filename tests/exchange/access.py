"""Who may use the exchange URLs (read by tests/test_authorisation.py).

The export row names a course that never exists (404 for everyone logged in);
test_course_packages.py checks a seeded course per role. The import answers 405 to
GET for everyone logged in (POST only; tested in test_course_packages.py).
"""

from tests.support.access import row

MISSING_COURSE_ID = 999_999

EXPECTED = {
    "course-packages-api:import": row(401, 405, 405, 405, 405, 405),
    "course-packages-api:export": row(401, 404, 404, 404, 404, 404),
    "xapi-api:statements": row(401, 403, 403, 403, 403, 200),
}

KWARGS = {"course-packages-api:export": {"course_id": MISSING_COURSE_ID}}
