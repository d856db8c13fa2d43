"""Celery entry points of the learning core."""

from celery import shared_task
from django.core.mail import send_mail


@shared_task(
    autoretry_for=(OSError,), retry_backoff=True, max_retries=5, acks_late=True
)
def send_email(*, subject: str, body: str, to: list[str]) -> int:
    """Deliver one plain-text e-mail (password reset, reminders) outside the request."""
    return send_mail(subject, body, None, to)
