"""Authorisation table of the analytics URLs (see tests/test_authorisation.py).

The readiness API without `process` answers 400 to those who may see it.
"""

from tests.support.access import row

EXPECTED = {
    "api-analytics-readiness": row(401, 403, 403, 400, 400, 400),
    "api-analytics-adoption": row(401, 403, 403, 403, 200, 200),
    "api-my-readiness": row(401, 200, 200, 200, 200, 200),
}
