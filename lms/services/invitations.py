"""Invitations for people the staff import created: a link to set their password.

The import queues only ids (and the address the upload came to); the worker makes
each token and link, so no link or name sits in the broker. A person who has set a
password or logged in already gets no invitation.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from common.urls import public_url
from lms.tasks import staff_invitations_send

User = get_user_model()

INVITATIONS_PER_TASK = 200


def staff_invitations_queue(*, user_ids: list[int], base_url: str | None) -> None:
    """Queue the invitations once the import is committed, in chunks."""
    ids = sorted(set(user_ids))
    chunks = [
        ids[start : start + INVITATIONS_PER_TASK]
        for start in range(0, len(ids), INVITATIONS_PER_TASK)
    ]

    def send() -> None:
        for chunk in chunks:
            staff_invitations_send.delay(user_ids=chunk, base_url=base_url)

    if chunks:
        transaction.on_commit(send)


def staff_invitation_deliver(*, user_id: int, base_url: str | None = None) -> bool:
    """E-mail one imported person the link to set their first password.

    Returns False (and sends nothing) for a person who is gone, inactive, has no
    e-mail address, or has a password or a login already.
    """
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if (
        user is None
        or not user.email
        or user.has_usable_password()
        or user.last_login is not None
    ):
        return False
    link = public_url(
        reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        ),
        base_url=base_url,
    )
    base = base_url or settings.LOTSE_BASE_URL
    context = {
        "user": user,
        "link": link,
        "login_url": public_url(reverse("login"), base_url=base_url),
        "site": urlsplit(base).netloc,
        "organisation": settings.LOTSE_ORGANISATION_NAME,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("lms/email/invitation_subject.txt", context)
        body = render_to_string("lms/email/invitation_body.txt", context)
    send_mail("".join(subject.splitlines()), body, None, [user.email])
    return True
