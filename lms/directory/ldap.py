"""The LDAP / Active Directory client (ldap3, pure Python: no C library needed).

Configured only by settings read from the environment (`LDAP_*`, see the README):
a service account (`LDAP_BIND_DN`) searches the person under `LDAP_USER_SEARCH_BASE`
with `LDAP_USER_FILTER`; the password is checked by binding as the person found.
Group membership is read from the groups named in `LDAP_ROLE_GROUPS`.

A person counts as disabled in the directory when Active Directory's
`userAccountControl` has the ACCOUNTDISABLE bit, OpenLDAP's password policy has
locked the account (`pwdAccountLockedTime`), 389/FreeIPA set `nsAccountLock`, or
the POSIX `shadowExpire` day has passed.
"""

from __future__ import annotations

import datetime as dt
import ssl

import ldap3
from django.conf import settings
from ldap3.core import exceptions as ldap_errors
from ldap3.utils.conv import escape_filter_chars

from lms import roles
from lms.directory import DirectoryPerson, DirectoryUnavailable

SOURCE = "ldap"
_AD_ACCOUNTDISABLE = 0x2
_STATE_ATTRIBUTES = ["userAccountControl", "shadowExpire", "nsAccountLock"]
_OPERATIONAL_STATE = ["pwdAccountLockedTime"]


def ldap_enabled() -> bool:
    return bool(settings.LDAP_SERVER_URI)


def role_groups() -> dict[str, list[str]]:
    """`LDAP_ROLE_GROUPS` as role key -> group DNs.

    Entries are separated by `;` (a DN has commas); a role is named by its German
    group name (Schulungsteam) or its key (trainer). Unknown roles are ignored.
    """
    found: dict[str, list[str]] = {}
    for entry in settings.LDAP_ROLE_GROUPS.split(";"):
        name, _sep, group_dn = entry.partition("=")
        name, group_dn = name.strip(), group_dn.strip()
        role = roles.ROLE_BY_GROUP.get(name) or (name if name in roles.ROLES else None)
        if role and group_dn:
            found.setdefault(role, []).append(group_dn)
    return found


def _server() -> ldap3.Server:
    # ldap3 checks no certificate unless told: ldaps:// and StartTLS must check the
    # directory's certificate and name (system CAs, or the town's CA file).
    tls = ldap3.Tls(
        validate=ssl.CERT_REQUIRED,
        ca_certs_file=settings.LDAP_CA_CERT_FILE or None,
    )
    return ldap3.Server(
        settings.LDAP_SERVER_URI,
        get_info=ldap3.NONE,
        connect_timeout=settings.LDAP_TIMEOUT_SECONDS,
        tls=tls,
    )


def _open(user: str | None, password: str | None) -> ldap3.Connection:
    """An open, bound connection; raises DirectoryUnavailable or LDAPBindError."""
    conn = ldap3.Connection(
        _server(),
        user=user or None,
        password=password or None,
        receive_timeout=settings.LDAP_TIMEOUT_SECONDS,
        raise_exceptions=False,
    )
    try:
        conn.open()
        if settings.LDAP_START_TLS and not conn.server.ssl and not conn.start_tls():
            # Never send a password unencrypted when StartTLS was asked for.
            raise DirectoryUnavailable(f"StartTLS failed: {conn.last_error}")
        if not conn.bind():
            raise ldap_errors.LDAPBindError(conn.result.get("description", ""))
    except (ldap_errors.LDAPBindError, DirectoryUnavailable):
        _close(conn)
        raise
    except (ldap_errors.LDAPException, OSError) as error:
        _close(conn)
        raise DirectoryUnavailable(str(error)) from error
    return conn


def _close(conn: ldap3.Connection) -> None:
    """Unbind, also when the socket is gone already (e.g. a failed TLS handshake)."""
    try:
        conn.unbind()
    except (ldap_errors.LDAPException, OSError):
        pass


def _service_connection() -> ldap3.Connection:
    try:
        return _open(settings.LDAP_BIND_DN, settings.LDAP_BIND_PASSWORD)
    except ldap_errors.LDAPBindError as error:
        # Our own service account was refused: for the person the directory is down.
        raise DirectoryUnavailable(str(error)) from error


def _first(entry: dict, attribute: str) -> str:
    values = entry.get(attribute) or []
    if isinstance(values, (str, bytes, int)):
        values = [values]
    for value in values:
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        text = str(value).strip()
        if text:
            return text
    return ""


def _is_disabled(entry: dict, *, today: dt.date) -> bool:
    control = _first(entry, "userAccountControl")
    if control.isdigit() and int(control) & _AD_ACCOUNTDISABLE:
        return True
    if _first(entry, "pwdAccountLockedTime"):
        return True
    if _first(entry, "nsAccountLock").upper() == "TRUE":
        return True
    expire = _first(entry, "shadowExpire")
    if expire.lstrip("-").isdigit() and int(expire) >= 0:
        return dt.date(1970, 1, 1) + dt.timedelta(days=int(expire)) <= today
    return False


def _roles_of(conn: ldap3.Connection, dn: str, uid: str) -> set[str]:
    member = escape_filter_chars(dn)
    found = set()
    for role, group_dns in role_groups().items():
        for group_dn in group_dns:
            conn.search(
                group_dn,
                f"(|(member={member})(uniqueMember={member})"
                f"(memberUid={escape_filter_chars(uid)}))",
                search_scope=ldap3.BASE,
                attributes=[],
            )
            if conn.entries:
                found.add(role)
                break
    return found


def ldap_find(username: str) -> DirectoryPerson | None:
    """The person with this login name, or None if the directory has no such person.

    Raises DirectoryUnavailable when the directory does not answer.
    """
    username = username.strip()
    if not username:
        return None
    attributes = dict(settings.LDAP_ATTRIBUTES)
    conn = _service_connection()
    try:
        found = conn.search(
            settings.LDAP_USER_SEARCH_BASE,
            settings.LDAP_USER_FILTER % {"user": escape_filter_chars(username)},
            search_scope=ldap3.SUBTREE,
            attributes=[*attributes.values(), *_STATE_ATTRIBUTES, *_OPERATIONAL_STATE],
            size_limit=2,
        )
        if conn.result.get("result") not in (0, 4, 32):  # success, size limit, none
            raise DirectoryUnavailable(conn.result.get("description", ""))
        if not found or len(conn.response) != 1:
            return None  # nobody, or the filter is ambiguous: never guess
        dn = conn.response[0]["dn"]
        entry = conn.response[0].get("attributes", {})
        person = DirectoryPerson(
            source=SOURCE,
            subject=username.lower(),
            username=username,
            first_name=_first(entry, attributes["first_name"]),
            last_name=_first(entry, attributes["last_name"]),
            email=_first(entry, attributes["email"]).lower(),
            personnel_number=_first(entry, attributes["personnel_number"]),
            org_unit_code=_first(entry, attributes["org_unit"]),
            disabled=_is_disabled(entry, today=dt.date.today()),
            dn=dn,
        )
        person.roles = _roles_of(conn, dn, username)
        return person
    except ldap_errors.LDAPException as error:
        raise DirectoryUnavailable(str(error)) from error
    finally:
        conn.unbind()


def ldap_password_ok(person: DirectoryPerson, password: str) -> bool:
    """Whether the directory accepts this password for the person (a bind as them).

    An empty password is refused here: LDAP would take it as an anonymous bind.
    """
    if not password or not person.dn:
        return False
    try:
        conn = _open(person.dn, password)
    except ldap_errors.LDAPBindError:
        return False
    conn.unbind()
    return True


def ldap_has_personnel_number(number: str) -> bool:
    """Whether any person in the directory carries this personnel number (a person
    renamed there is still found by it). Raises DirectoryUnavailable."""
    if not number:
        return False
    attribute = settings.LDAP_ATTRIBUTES["personnel_number"]
    conn = _service_connection()
    try:
        conn.search(
            settings.LDAP_USER_SEARCH_BASE,
            f"({attribute}={escape_filter_chars(number)})",
            search_scope=ldap3.SUBTREE,
            attributes=[],
            size_limit=1,
        )
        if conn.result.get("result") not in (0, 4, 32):
            raise DirectoryUnavailable(conn.result.get("description", ""))
        return bool(conn.response) and any(
            entry.get("type") == "searchResEntry" for entry in conn.response
        )
    except ldap_errors.LDAPException as error:
        raise DirectoryUnavailable(str(error)) from error
    finally:
        conn.unbind()
