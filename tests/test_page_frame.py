"""`common.page_frame.csrf_token`: the one token of a page's kept parts."""

from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware, rotate_token

from common.page_frame import csrf_token


def _accepted(rf, secret: str, token: str) -> bool:
    """Does Django's CSRF check accept a POST with this cookie and token?"""
    post = rf.post("/", HTTP_X_CSRFTOKEN=token)
    post.COOKIES[settings.CSRF_COOKIE_NAME] = secret
    middleware = CsrfViewMiddleware(lambda request: None)
    middleware.process_request(post)
    return middleware.process_view(post, lambda request: None, (), {}) is None


def test_one_token_per_request_until_a_login_rotates_the_secret(rf):
    request = rf.get("/")
    first = csrf_token(request)
    assert csrf_token(request) == first  # masked once, not per kept part
    secret = request.META["CSRF_COOKIE"]
    assert _accepted(rf, secret, first)

    rotate_token(request)  # what a login does
    second = csrf_token(request)
    assert second != first
    assert _accepted(rf, request.META["CSRF_COOKIE"], second)
    assert not _accepted(rf, request.META["CSRF_COOKIE"], first)
