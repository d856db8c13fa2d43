"""Authorisation table of the staff import's URLs (see tests/test_authorisation.py).

The upload page itself (`staff_import`) has its row in the foundation's table. A
job is seen only by its uploader and administrators; the job id below does not
exist, so the roles that may import get 404.
"""

from tests.lms.access_learning import row

IMPORTERS = row(302, 403, 403, 403, 200, 200)
IMPORT_JOB = row(302, 403, 403, 403, 404, 404)

EXPECTED = {
    "staff_import_template": IMPORTERS,
    "staff_import_job": IMPORT_JOB,
    "staff_import_job_status": IMPORT_JOB,
}

KWARGS = {
    "staff_import_job": {"job_id": 999999},
    "staff_import_job_status": {"job_id": 999999},
}
