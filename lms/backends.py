"""Django authentication backends for the town's directory.

`LdapBackend` sits between django-axes (which counts failures of every backend,
so the lockout covers local and directory sign-ins alike) and Django's
`ModelBackend` (local accounts: break-glass administrators and the demo). When the
directory does not answer it notes that on the request, so the login page can say
so, and lets the local accounts through.
"""

from __future__ import annotations

import logging

from django.contrib.auth.backends import ModelBackend

from lms.directory import DirectoryUnavailable
from lms.directory.ldap import SOURCE, ldap_find, ldap_password_ok
from lms.services.directory import (
    DirectorySignInRefused,
    directory_person_disabled,
    directory_person_removed,
    directory_person_sign_in,
)

logger = logging.getLogger(__name__)

# Set on the request for the login form and the token endpoint.
UNAVAILABLE_FLAG = "lotse_directory_unavailable"
REFUSED_FLAG = "lotse_directory_refused"


class LdapBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or not password:
            return None
        try:
            person = ldap_find(username)
            if person is None:
                directory_person_removed(source=SOURCE, subject=username.lower())
                return None
            if person.disabled:
                directory_person_disabled(person=person)
                return None
            if not ldap_password_ok(person, password):
                return None
        except DirectoryUnavailable as error:
            logger.warning("LDAP directory unavailable: %s", error)
            if request is not None:
                setattr(request, UNAVAILABLE_FLAG, True)
            return None
        try:
            user = directory_person_sign_in(person=person)
        except DirectorySignInRefused as refusal:
            if request is not None:
                setattr(request, REFUSED_FLAG, str(refusal))
            return None
        return user if self.user_can_authenticate(user) else None
