"""OpenID Connect: the provider's discovery document and the claims mapping.

The client itself is mozilla-django-oidc (authorization-code flow with PKCE and a
nonce); `lms.backends.OidcBackend` and `lms.views.oidc` take its endpoints from
the provider's discovery document, fetched when first needed and cached, so a
provider that is down never stops Lotse from starting or local sign-ins.
"""

from __future__ import annotations

import requests
from django.conf import settings
from django.core.cache import cache

from lms import roles
from lms.directory import DirectoryPerson, DirectoryUnavailable

SOURCE = "oidc"
_CACHE_SECONDS = 3600


def oidc_enabled() -> bool:
    return bool(settings.OIDC_ISSUER)


def oidc_discovery() -> dict:
    """The provider's configuration (endpoints); raises DirectoryUnavailable."""
    key = f"lotse:oidc-discovery:{settings.OIDC_ISSUER}"
    found = cache.get(key)
    if found:
        return found
    url = settings.OIDC_ISSUER + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        found = response.json()
        for name in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
            if not isinstance(found.get(name), str):
                raise ValueError(f"discovery document lacks {name}")
    except (requests.RequestException, ValueError) as error:
        raise DirectoryUnavailable(str(error)) from error
    cache.set(key, found, _CACHE_SECONDS)
    return found


def _role_groups() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for entry in settings.OIDC_ROLE_GROUPS.split(";"):
        name, _sep, group = entry.partition("=")
        name, group = name.strip(), group.strip()
        role = roles.ROLE_BY_GROUP.get(name) or (name if name in roles.ROLES else None)
        if role and group:
            found.setdefault(role, set()).add(group)
    return found


def _text(claims: dict, name: str) -> str:
    value = claims.get(name) if name else None
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value).strip() if value is not None else ""


def person_from_claims(claims: dict) -> DirectoryPerson:
    """Map the ID token's and userinfo's claims to Lotse's fields (OIDC_CLAIMS)."""
    names = settings.OIDC_CLAIMS
    email = _text(claims, names["email"]).lower()
    username = _text(claims, names["username"]) or email.split("@")[0]
    groups = claims.get(settings.OIDC_ROLE_CLAIM) if settings.OIDC_ROLE_CLAIM else []
    groups = set(groups) if isinstance(groups, list) else {str(groups)}
    return DirectoryPerson(
        source=SOURCE,
        subject=_text(claims, "sub"),
        username=username[:150],
        first_name=_text(claims, names["first_name"]),
        last_name=_text(claims, names["last_name"]),
        email=email,
        personnel_number=_text(claims, names["personnel_number"])[:20],
        org_unit_code=_text(claims, names["org_unit"]),
        roles={role for role, wanted in _role_groups().items() if wanted & groups},
    )
