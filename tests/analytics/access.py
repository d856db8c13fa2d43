"""Authorisation table of the analytics URLs (see tests/test_authorisation.py).

GET status per role after `seed_demo` (which has three initiatives). The readiness
API without `process` answers 400 to those who may see it; ids below do not exist.
"""

from tests.support.access import row

DASHBOARD = row(302, 403, 403, 200, 200, 200)
TRAINING_ADMIN = row(302, 403, 403, 403, 200, 200)
TRAINING_ADMIN_MISSING = row(302, 403, 403, 403, 404, 404)
POST_ONLY = row(302, 405, 405, 405, 405, 405)
MISSING = 999999

EXPECTED = {
    "api-analytics-readiness": row(401, 403, 403, 400, 400, 400),
    "api-analytics-adoption": row(401, 403, 403, 403, 200, 200),
    "api-my-readiness": row(401, 200, 200, 200, 200, 200),
    "analytics:dashboard": DASHBOARD,
    "analytics:dashboard_csv": DASHBOARD,
    "analytics:dashboard_xlsx": DASHBOARD,
    "analytics:recompute_start": POST_ONLY,
    "analytics:recompute_job": TRAINING_ADMIN_MISSING,
    "analytics:recompute_job_status": TRAINING_ADMIN_MISSING,
    "analytics:initiatives": TRAINING_ADMIN,
    "analytics:initiative_create": TRAINING_ADMIN,
    "analytics:initiative_edit": TRAINING_ADMIN_MISSING,
    "analytics:initiative_delete": POST_ONLY,
    "analytics:survey_wave_start": TRAINING_ADMIN_MISSING,
    "analytics:survey_wave_close": POST_ONLY,
    "analytics:adoption_upload": TRAINING_ADMIN,
    "analytics:survey_results": TRAINING_ADMIN_MISSING,
    "analytics:access_log": row(302, 403, 403, 403, 403, 200),
    "analytics:my_readiness": row(302, 200, 200, 200, 200, 200),
    "analytics:survey": row(302, 404, 404, 404, 404, 404),
}

KWARGS = {
    "analytics:recompute_job": {"job_id": MISSING},
    "analytics:recompute_job_status": {"job_id": MISSING},
    "analytics:initiative_edit": {"initiative_id": MISSING},
    "analytics:initiative_delete": {"initiative_id": MISSING},
    "analytics:survey_results": {"wave_id": MISSING},
    "analytics:survey_wave_start": {"initiative_id": MISSING},
    "analytics:survey_wave_close": {"wave_id": MISSING},
    "analytics:survey": {"wave_id": MISSING},
}
