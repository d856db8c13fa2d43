"""Sign-in through the town's directory (LDAP / Active Directory) and the data
centre's identity provider (OpenID Connect), read from the environment.

`base.py` imports these names and switches the matching authentication backend on.
Every variable is documented in `.env.example` and in the README.
"""

import environ

env = environ.Env()

# --- Sign-in with the town's directory (LDAP / Active Directory) --------------------
# LDAP_SERVER_URI switches it on; local accounts keep working beside it (break-glass
# administrators, the demo). See lms/backends.py and the README.
LDAP_SERVER_URI = env.str("LDAP_SERVER_URI", default="")
LDAP_BIND_DN = env.str("LDAP_BIND_DN", default="")
LDAP_BIND_PASSWORD = env.str("LDAP_BIND_PASSWORD", default="")
LDAP_USER_SEARCH_BASE = env.str("LDAP_USER_SEARCH_BASE", default="")
LDAP_USER_FILTER = env.str("LDAP_USER_FILTER", default="(uid=%(user)s)")
LDAP_START_TLS = env.bool("LDAP_START_TLS", default=False)
# The town's CA certificate (PEM) for ldaps:// and StartTLS; empty: the system's CAs.
LDAP_CA_CERT_FILE = env.str("LDAP_CA_CERT_FILE", default="")
LDAP_TIMEOUT_SECONDS = env.int("LDAP_TIMEOUT_SECONDS", default=5)
# Directory attribute -> Lotse field.
LDAP_ATTRIBUTES = {
    "first_name": env.str("LDAP_ATTR_FIRST_NAME", default="givenName"),
    "last_name": env.str("LDAP_ATTR_LAST_NAME", default="sn"),
    "email": env.str("LDAP_ATTR_EMAIL", default="mail"),
    "personnel_number": env.str("LDAP_ATTR_PERSONNEL_NUMBER", default="employeeNumber"),
    "org_unit": env.str("LDAP_ATTR_ORG_UNIT", default="departmentNumber"),
}
# "Rolle=Gruppen-DN;Rolle=Gruppen-DN" (roles by German group name or role key).
LDAP_ROLE_GROUPS = env.str("LDAP_ROLE_GROUPS", default="")
# Roles from the directory (LDAP, OpenID Connect) never grant Administration unless
# this is on: administrators stay local accounts by default.
LOTSE_DIRECTORY_MAY_GRANT_ADMIN = env.bool(
    "LOTSE_DIRECTORY_MAY_GRANT_ADMIN", default=False
)

# --- Sign-in through the data centre's identity provider (OpenID Connect) ----------
# OIDC_ISSUER switches it on; the provider's endpoints come from its discovery
# document ({issuer}/.well-known/openid-configuration). See lms/directory/oidc.py.
OIDC_ISSUER = env.str("OIDC_ISSUER", default="").rstrip("/")
OIDC_RP_CLIENT_ID = env.str("OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_CLIENT_SECRET", default="")
OIDC_RP_SCOPES = env.str("OIDC_SCOPES", default="openid email profile")
OIDC_RP_SIGN_ALGO = env.str("OIDC_SIGN_ALGO", default="RS256")
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT_SECONDS", default=5)
OIDC_USE_PKCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_callback"
LOGIN_REDIRECT_URL_FAILURE = "/konto/anmelden/"
# Claim -> Lotse field, like the LDAP attribute map.
OIDC_CLAIMS = {
    "username": env.str("OIDC_CLAIM_USERNAME", default="preferred_username"),
    "first_name": env.str("OIDC_CLAIM_FIRST_NAME", default="given_name"),
    "last_name": env.str("OIDC_CLAIM_LAST_NAME", default="family_name"),
    "email": env.str("OIDC_CLAIM_EMAIL", default="email"),
    "personnel_number": env.str(
        "OIDC_CLAIM_PERSONNEL_NUMBER", default="personnel_number"
    ),
    "org_unit": env.str("OIDC_CLAIM_ORG_UNIT", default="department"),
}
# The claim listing a person's groups, and "Rolle=Gruppe;…" as for LDAP.
OIDC_ROLE_CLAIM = env.str("OIDC_ROLE_CLAIM", default="")
OIDC_ROLE_GROUPS = env.str("OIDC_ROLE_GROUPS", default="")
