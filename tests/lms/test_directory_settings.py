"""The directory's settings: read only from the environment, with the defaults the
README promises, each variable documented in the README and in `.env.example`."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The variables the issue names; the attribute and claim maps come on top.
NAMED = {
    "LDAP_SERVER_URI",
    "LDAP_BIND_DN",
    "LDAP_BIND_PASSWORD",
    "LDAP_USER_SEARCH_BASE",
    "LDAP_USER_FILTER",
    "LDAP_START_TLS",
    "LDAP_ROLE_GROUPS",
    "OIDC_ISSUER",
    "OIDC_CLIENT_ID",
    "OIDC_CLIENT_SECRET",
}
SHOW = (
    "import json; from django.conf import settings as s;"
    "print(json.dumps({"
    "'filter': s.LDAP_USER_FILTER, 'attributes': s.LDAP_ATTRIBUTES,"
    "'claims': s.OIDC_CLAIMS, 'may_grant_admin': s.LOTSE_DIRECTORY_MAY_GRANT_ADMIN,"
    "'retention_days': s.LOTSE_LEAVER_RETENTION_DAYS,"
    "'backends': s.AUTHENTICATION_BACKENDS,"
    "'beat': sorted(t['task'] for t in s.CELERY_BEAT_SCHEDULE.values())}))"
)


def settings_with(**variables) -> dict:
    """The settings a fresh process reads with only `variables` set (no LDAP_*,
    OIDC_* or LOTSE_* from the caller's environment)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            ("DJANGO_", "LOTSE_", "LDAP_", "OIDC_", "DATABASE_URL", "CELERY_")
        )
    }
    env.update(variables)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", SHOW],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_defaults_of_the_directory_settings():
    found = settings_with()
    assert found["filter"] == "(uid=%(user)s)"
    assert found["attributes"] == {
        "first_name": "givenName",
        "last_name": "sn",
        "email": "mail",
        "personnel_number": "employeeNumber",
        "org_unit": "departmentNumber",
    }
    assert found["may_grant_admin"] is False
    assert found["retention_days"] == 183  # six months after leaving
    assert "lms.tasks.persons_erase_expired" in found["beat"]
    assert "lms.tasks.directory_accounts_check" in found["beat"]
    # Neither directory is on by default: only local accounts.
    assert "lms.backends.LdapBackend" not in found["backends"]
    assert "lms.backends.OidcBackend" not in found["backends"]


def test_server_uri_and_issuer_switch_the_directories_on():
    found = settings_with(
        LDAP_SERVER_URI="ldap://dc1.musterstadt.example",
        LDAP_USER_FILTER="(sAMAccountName=%(user)s)",
        LDAP_ATTR_ORG_UNIT="department",
        OIDC_ISSUER="https://login.rechenzentrum.example/realms/musterstadt",
    )
    backends = found["backends"]
    assert backends[0] == "axes.backends.AxesStandaloneBackend"  # counts them all
    assert backends.index("lms.backends.LdapBackend") < backends.index(
        "lms.backends.AccountBackend"
    )
    assert "lms.backends.OidcBackend" in backends
    assert found["filter"] == "(sAMAccountName=%(user)s)"
    assert found["attributes"]["org_unit"] == "department"


def test_every_directory_variable_is_documented():
    source = (ROOT / "config" / "settings" / "directory.py").read_text()
    read = set(re.findall(r'env\.\w+\(\s*"([A-Z_]+)"', source))
    assert NAMED <= read
    read.add("LOTSE_LEAVER_RETENTION_DAYS")
    for document in ("README.md", ".env.example"):
        text = (ROOT / document).read_text()
        assert sorted(name for name in read if name not in text) == [], document
    readme = (ROOT / "README.md").read_text()
    assert "(sAMAccountName=%(user)s)" in readme
    assert "(uid=%(user)s)" in readme
