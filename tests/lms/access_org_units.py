"""Authorisation table of the org-unit pages under /organisation/einheiten/.

The unit below does not exist: the roles that may manage units get 404, the
others are refused before any lookup.
"""

from tests.support.access import row

UNIT_ADMINS = row(302, 403, 403, 403, 200, 200)
NO_SUCH = row(302, 403, 403, 403, 404, 404)

EXPECTED = {
    "org_units:create": UNIT_ADMINS,
    "org_units:edit": NO_SUCH,
    "org_units:delete": NO_SUCH,
}

KWARGS = {
    "org_units:edit": {"unit_id": 999999},
    "org_units:delete": {"unit_id": 999999},
}
