from django.conf import settings


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
