"""Django authentication backends: local accounts and the town's directory.

`LdapBackend` sits between django-axes (which counts failures of every backend,
so the lockout covers local and directory sign-ins alike) and `AccountBackend`
(Django's `ModelBackend` for local accounts: break-glass administrators and the
demo); `OidcBackend` serves the OpenID Connect callback. When the directory does
not answer it notes that on the request, so the login page can say so, and lets
the local accounts through.

All three read a signed-in person's account from the shared cache
(`CachedAccountMixin`): Django's session authentication reads it on every request.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from lms.directory import DirectoryUnavailable
from lms.directory.ldap import SOURCE, ldap_find, ldap_password_ok
from lms.directory.oidc import oidc_discovery, oidc_enabled, person_from_claims
from lms.person_generation import account_generations, cached_account, keep_account
from lms.selectors.org import user_roles
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


class CachedAccountMixin:
    """`get_user` from the cache while the account's generation holds
    (`lms.person_generation.cached_account`), else from the database. The
    account is kept with its roles (`lms.selectors.org.user_roles`)."""

    def get_user(self, user_id):
        user = cached_account(user_id)
        if user is None:
            generations = account_generations(user_id)  # before the row is read
            user = super().get_user(user_id)  # type: ignore[misc]
            if user is not None:
                # Kept with the account, under the same generations: no page
                # asks the cache for the roles again.
                user_roles(user)
                keep_account(user, generations)
        return user


class AccountBackend(CachedAccountMixin, ModelBackend):
    """Local accounts (Django's `ModelBackend`)."""


class LdapBackend(CachedAccountMixin, ModelBackend):
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


class OidcBackend(CachedAccountMixin, OIDCAuthenticationBackend):
    """The authorization-code flow of mozilla-django-oidc, with the endpoints from
    discovery and the account from `directory_person_sign_in`.

    Only the callback view calls it (with a nonce); a password sign-in passes by.
    """

    def __init__(self, *args, **kwargs):
        # The parent reads the endpoints here; ours come from discovery, when needed.
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if request is None or "nonce" not in kwargs or not oidc_enabled():
            return None
        try:
            config = oidc_discovery()
        except DirectoryUnavailable as error:
            logger.warning("OIDC provider unavailable: %s", error)
            setattr(request, UNAVAILABLE_FLAG, True)
            return None
        self.OIDC_OP_TOKEN_ENDPOINT = config["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = config.get("userinfo_endpoint", "")
        self.OIDC_OP_JWKS_ENDPOINT = config["jwks_uri"]
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        return super().authenticate(request, **kwargs)

    def get_userinfo(self, access_token, id_token, payload):
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            claims.update(super().get_userinfo(access_token, id_token, payload))
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        person = person_from_claims(self.get_userinfo(access_token, id_token, payload))
        if not person.subject:
            return None
        try:
            user = directory_person_sign_in(person=person)
        except DirectorySignInRefused as refusal:
            setattr(self.request, REFUSED_FLAG, str(refusal))
            return None
        return user if self.user_can_authenticate(user) else None
