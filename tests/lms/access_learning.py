"""Authorisation table of the learning core's URLs (see tests/test_authorisation.py).

GET status per role after `seed_demo`. POST-only form targets answer GET with 405
once logged in; certificate codes below do not exist (404 for the PDF, the public
verify page still answers 200 with "unknown").
"""

from tests.support.access import row

EVERYONE = row(302, 200, 200, 200, 200, 200)
POST_ONLY = row(302, 405, 405, 405, 405, 405)
API_POST_ONLY = row(401, 405, 405, 405, 405, 405)
API_OWN = row(401, 200, 200, 200, 200, 200)
COMPLIANCE = row(302, 403, 403, 200, 200, 200)

UNKNOWN_CODE = "AAAA-BBBB-CCCC"

EXPECTED = {
    "learning:my_training": EVERYONE,
    "learning:course_enrol": POST_ONLY,
    "learning:course_done": row(302, 404, 404, 404, 404, 404),  # no course 1
    "learning:lesson_complete": POST_ONLY,
    "learning:acknowledge": POST_ONLY,
    "learning:quiz_submit": POST_ONLY,
    "learning:certificates": EVERYONE,
    "learning:certificate_pdf": row(302, 404, 404, 404, 404, 404),
    "learning:notifications": EVERYONE,
    "learning:compliance": COMPLIANCE,
    "learning:compliance_csv": COMPLIANCE,
    "learning:my_data": EVERYONE,
    "learning:my_data_json": EVERYONE,
    "learning:calendar": EVERYONE,
    "learning:calendar_feed": row(404, 404, 404, 404, 404, 404),  # unknown address
    "learning:verify": row(200, 200, 200, 200, 200, 200),
    "api-my-enrolments": API_OWN,
    "api-my-certificates": API_OWN,
    "api-my-export": API_OWN,
    "api-lesson-complete": API_POST_ONLY,
    "api-quiz-attempts": API_POST_ONLY,
}

KWARGS = {
    "learning:course_enrol": {"course_id": 1},
    "learning:course_done": {"course_id": 1},
    "learning:lesson_complete": {"lesson_id": 1},
    "learning:acknowledge": {"lesson_id": 1, "block_id": "x"},
    "learning:quiz_submit": {"lesson_id": 1, "block_id": "x"},
    "learning:certificate_pdf": {"code": UNKNOWN_CODE},
    "learning:verify": {"code": UNKNOWN_CODE},
    "learning:calendar_feed": {"token": "no-such-feed"},
    "api-lesson-complete": {"page_id": 1},
    "api-quiz-attempts": {"page_id": 1, "block_id": "x"},
}

EXPECTED.update(
    {
        "learning:compliance_xlsx": COMPLIANCE,
        "learning:compliance_remind": COMPLIANCE,  # GET asks for confirmation
    }
)
