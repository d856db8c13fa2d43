"""Who may open which course URL: the authorisation table of issue 3.

Read by tests/test_authorisation.py (every URL in every role) and tests/courses/
test_access.py. EXPECTED: API URL name → status per role; KWARGS: URL kwargs for
patterns with parameters; PAGES: Wagtail-served paths → status per role.

Page ids are not stable across flushed databases, so the detail row uses a course id
that never exists and states the honest answer (404 for everyone logged in);
tests/courses/test_access.py checks the same URL with a seeded course (200).
Anonymous API requests get 401 (token authentication comes first); anonymous page
requests are sent to the login page (302 to /konto/anmelden/).
"""

from tests.support.access import row

MISSING_COURSE_ID = 999_999


EXPECTED = {
    "courses-api:course-list": row(401, 200, 200, 200, 200, 200),
    "courses-api:course-detail": row(401, 404, 404, 404, 404, 404),
}

KWARGS = {"courses-api:course-detail": {"course_id": MISSING_COURSE_ID}}

# The same detail URL for a seeded course (slug is stable, the id is looked up).
EXISTING = {
    "courses-api:course-detail": (
        "hund-anmelden-digital",
        row(401, 200, 200, 200, 200, 200),
    ),
}

LOGIN_PATH = "/konto/anmelden/"

PAGES = {
    path: row(302, 200, 200, 200, 200, 200)
    for path in (
        "/kurse/",
        "/kurse/?q=Hundesteuer",
        "/kurse/hund-anmelden-digital/",
        "/kurse/hund-anmelden-digital/hundesteuer-und-datenuebergabe/",
        "/kurse/datenschutz-im-digitalen-verfahren/datenminimierung-bei-uebergaben/",
    )
}
