"""Rate limits of the token endpoint, against password guessing.

The lockout (django-axes) stops guessing one account from one address; these
limits also slow guessing many accounts from one address and one account from
many addresses. Counters live in the cache, so production needs a cache that
all web processes share (`CACHE_URL`).
"""

import hashlib

from rest_framework.exceptions import ValidationError
from rest_framework.throttling import SimpleRateThrottle

from lms.api.serializers import TokenRequestSerializer
from lms.client_address import client_address


class TokenAddressThrottle(SimpleRateThrottle):
    """Token requests per client address (`LOTSE_TOKEN_RATE_PER_ADDRESS`)."""

    scope = "token_address"

    def get_ident(self, request):
        # DRF's own reading of X-Forwarded-For believes any client.
        return client_address(request)

    def get_cache_key(self, request, view):
        ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class TokenUsernameThrottle(SimpleRateThrottle):
    """Token requests per username from any address (`LOTSE_TOKEN_RATE_PER_USERNAME`)."""

    scope = "token_username"

    def get_cache_key(self, request, view):
        data = request.data
        raw = data.get("username") if isinstance(data, dict) else None
        # The serializer's own field, so " anna" and "anna" count as one username.
        try:
            username = TokenRequestSerializer().fields["username"].run_validation(raw)
        except ValidationError:
            return None  # refused by the serializer before any password is checked
        # Hashed: a cache key must not hold every character a username may.
        digest = hashlib.sha256(username.encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": digest}
