"""Authorisation table of the rules pages under /organisation/regeln/.

The rule and exemption below do not exist: the roles that may manage rules get
404, the others are refused before any lookup.
"""

from tests.support.access import row

RULE_ADMINS = row(302, 403, 403, 403, 200, 200)
NO_SUCH = row(302, 403, 403, 403, 404, 404)

EXPECTED = {
    "rules:list": RULE_ADMINS,
    "rules:create": RULE_ADMINS,
    "rules:edit": NO_SUCH,
    "rules:deactivate": NO_SUCH,
    "rules:exemption_create": RULE_ADMINS,
    "rules:exemption_delete": NO_SUCH,
}

KWARGS = {
    "rules:edit": {"rule_id": 999999},
    "rules:deactivate": {"rule_id": 999999},
    "rules:exemption_delete": {"exemption_id": 999999},
}
