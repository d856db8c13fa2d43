"""Absolute addresses of Lotse's pages, for links that leave the browser.

Where a request is at hand, links use the address that request came to (its host
is one of `ALLOWED_HOSTS`), so a server on another port or host name links to
itself. E-mails and background tasks have no request: they use
`settings.LOTSE_BASE_URL`, which production requires (`config.settings.production`).
"""

from __future__ import annotations

from django.conf import settings


def request_base_url(request) -> str:
    """`scheme://host[:port]` of the address this request was sent to."""
    return request.build_absolute_uri("/").rstrip("/")


def public_url(path: str, *, base_url: str | None = None) -> str:
    """`path` (from `reverse`) on `base_url`, else on the configured public address."""
    base = (base_url or settings.LOTSE_BASE_URL).rstrip("/")
    return base + path
