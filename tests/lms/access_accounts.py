"""Authorisation rows of the sign-in with OpenID Connect (see test_authorisation.py).

The test settings have no OIDC_ISSUER: the start answers 404, the callback without
a code sends everyone back to the login page. tests/e2e/test_oidc_flow.py runs the
whole flow against a real provider.
"""

from tests.support.access import row

EXPECTED = {
    "oidc_start": row(404, 404, 404, 404, 404, 404),
    "oidc_callback": row(302, 302, 302, 302, 302, 302),
}
