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
    # Not in catalogue mode: the Kursbörse's API answers 404 to those with access.
    "exchange-api:courses": row(401, 403, 403, 403, 404, 404),
    "exchange-api:package": row(401, 403, 403, 403, 404, 404),
    # The subscriber's page: without a configured Kursbörse it says so.
    "exchange:catalogue": row(302, 403, 403, 403, 200, 200),
    "exchange:adopt": row(302, 403, 403, 403, 405, 405),
    "exchange:update": row(302, 403, 403, 403, 405, 405),
}

KWARGS = {
    "course-packages-api:export": {"course_id": MISSING_COURSE_ID},
    "exchange-api:package": {"entry_id": MISSING_COURSE_ID},
    "exchange:adopt": {"entry_id": MISSING_COURSE_ID},
    "exchange:update": {"entry_id": MISSING_COURSE_ID},
}
