from django.conf import settings

from lms.client_address import is_trusted_proxy


def content_security_policy_for(path: str) -> str:
    """The policy for a path: the one of its prefix in settings, else the strict one."""
    for prefix, policy in settings.CONTENT_SECURITY_POLICY_BY_PATH.items():
        if path.startswith(prefix):
            return policy
    return settings.CONTENT_SECURITY_POLICY


class ContentSecurityPolicyMiddleware:
    """Sends the Content-Security-Policy of settings for the request's path."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault(
            "Content-Security-Policy", content_security_policy_for(request.path_info)
        )
        return response


class TrustedProxyHeadersMiddleware:
    """Forget `X-Forwarded-Proto` unless the request comes from a trusted proxy.

    Production believes that header (`SECURE_PROXY_SSL_HEADER`): it decides
    whether a request counts as HTTPS (redirects, secure cookies, CSRF's referer
    check). Any client that reaches a web process directly could send it too, so,
    as `X-Forwarded-For` in `lms.client_address`, it counts only on requests from
    an address in `LOTSE_TRUSTED_PROXIES`. Placed first in MIDDLEWARE.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_trusted_proxy(request.META.get("REMOTE_ADDR", "")):
            request.META.pop("HTTP_X_FORWARDED_PROTO", None)
        return self.get_response(request)
