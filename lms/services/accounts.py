"""Account e-mails sent by the worker: the password reset link.

The request only queues the person's id; the token and link are made in the
worker, so neither a reset link nor a name ever sits in the broker.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

User = get_user_model()

PASSWORD_RESET_SUBJECT = "registration/password_reset_subject.txt"
PASSWORD_RESET_BODY = "registration/password_reset_email.html"


def password_reset_email_deliver(
    *, user_id: int, language: str, base_url: str | None = None
) -> bool:
    """E-mail an active person a link to set a new password (in their language).

    The link is on `base_url` (the address the request came to), else on the
    configured public address. Returns False if the person is gone, inactive or
    has no e-mail address.
    """
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return False
    base = urlsplit(base_url or settings.LOTSE_BASE_URL)
    context = {
        "email": user.email,
        "domain": base.netloc,
        "site_name": base.netloc,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": base.scheme or "https",
    }
    with translation.override(language):
        subject = render_to_string(PASSWORD_RESET_SUBJECT, context)
        body = render_to_string(PASSWORD_RESET_BODY, context)
    send_mail("".join(subject.splitlines()), body, None, [user.email])
    return True
