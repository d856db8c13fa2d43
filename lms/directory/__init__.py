"""Sign-in through the town's directory: LDAP / Active Directory and OpenID Connect.

Both sources describe a person the same way (`DirectoryPerson`); one service
(`lms.services.directory`) creates, links and updates the Lotse account from it.
"""

from dataclasses import dataclass, field


class DirectoryUnavailable(Exception):
    """The directory did not answer (down, unreachable, refused our service bind)."""


@dataclass
class DirectoryPerson:
    """A person as the directory describes them, already mapped to Lotse's fields."""

    source: str  # "ldap" or "oidc"
    subject: str  # the login name (LDAP) or the provider's `sub` (OIDC)
    username: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    personnel_number: str = ""
    org_unit_code: str = ""
    roles: set[str] = field(default_factory=set)
    disabled: bool = False
    dn: str = ""
