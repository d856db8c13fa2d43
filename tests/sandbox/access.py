"""Rows of the authorisation table (tests/test_authorisation.py) for the sandbox.

Everyone logged in may practise; only people with ``sandbox.upload_processpackage``
(trainer, training admin, administrator) may upload packages, and only people with
``sandbox.publish_processpackage`` (lead trainers, administrators) may approve or
reject a version. POST-only pages answer a GET with 405; a run that does not exist
(or belongs to someone else) is a 404. A version's page is seen by everyone when it
is live, else only by its uploader and the lead trainers (tests/sandbox/test_review).
"""

from tests.support.access import row

NO_RUN = "00000000-0000-4000-8000-000000000000"

EXPECTED = {
    "sandbox:process_list": row(302, 200, 200, 200, 200, 200),
    "sandbox:process_detail": row(302, 200, 200, 200, 200, 200),
    "sandbox:run_start": row(302, 405, 405, 405, 405, 405),  # POST only
    "sandbox:process_preview": row(302, 200, 200, 200, 200, 200),  # v1 is live
    "sandbox:run_start_preview": row(302, 405, 405, 405, 405, 405),
    "sandbox:run_detail": row(302, 404, 404, 404, 404, 404),  # no such run
    "sandbox:run_submit": row(302, 405, 405, 405, 405, 405),
    "sandbox:run_hint": row(302, 405, 405, 405, 405, 405),
    "sandbox:run_reset": row(302, 404, 404, 404, 404, 404),  # GET: confirmation
    "sandbox:run_repeat": row(302, 405, 405, 405, 405, 405),
    # API: token authentication comes first, so anonymous requests get 401.
    "sandbox-api:packages": row(401, 403, 405, 403, 405, 405),  # upload is POST only
    # Approving and rejecting are POST only, for those who may publish.
    "sandbox-api:package_approve": row(401, 403, 403, 403, 403, 405),
    "sandbox-api:package_reject": row(401, 403, 403, 403, 403, 405),
    "sandbox-api:processes": row(401, 200, 200, 200, 200, 200),
    "sandbox-api:runs": row(401, 200, 200, 200, 200, 200),  # one's own runs
    "sandbox-api:run_detail": row(401, 404, 404, 404, 404, 404),
    "sandbox-api:run_submit": row(401, 405, 405, 405, 405, 405),
    "sandbox-api:run_hint": row(401, 405, 405, 405, 405, 405),
    "sandbox-api:run_reset": row(401, 405, 405, 405, 405, 405),
    "sandbox-api:run_repeat": row(401, 405, 405, 405, 405, 405),
}

KWARGS = {
    "sandbox:process_detail": {"process_id": "hund_anmelden"},
    "sandbox:run_start": {"process_id": "hund_anmelden"},
    "sandbox:process_preview": {"process_id": "hund_anmelden", "version": 1},
    "sandbox:run_start_preview": {"process_id": "hund_anmelden", "version": 1},
    "sandbox-api:package_approve": {"package_id": 1},
    "sandbox-api:package_reject": {"package_id": 1},
    "sandbox:run_detail": {"run_id": NO_RUN},
    "sandbox:run_submit": {"run_id": NO_RUN},
    "sandbox:run_hint": {"run_id": NO_RUN},
    "sandbox:run_reset": {"run_id": NO_RUN},
    "sandbox:run_repeat": {"run_id": NO_RUN},
    "sandbox-api:run_detail": {"run_id": NO_RUN},
    "sandbox-api:run_submit": {"run_id": NO_RUN, "task_id": "Task_Erfassen"},
    "sandbox-api:run_hint": {"run_id": NO_RUN},
    "sandbox-api:run_reset": {"run_id": NO_RUN},
    "sandbox-api:run_repeat": {"run_id": NO_RUN},
}
