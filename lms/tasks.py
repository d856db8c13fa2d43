"""Celery entry points of the learning core."""

from celery import shared_task
from django.core.mail import send_mail


@shared_task(
    autoretry_for=(OSError,), retry_backoff=True, max_retries=5, acks_late=True
)
def send_email(*, subject: str, body: str, to: list[str]) -> int:
    """Deliver one plain-text e-mail (password reset, reminders) outside the request."""
    return send_mail(subject, body, None, to)


@shared_task(
    acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3
)
def learning_rules_apply(*, user_ids: list[int] | None = None) -> dict:
    """Apply the assignment rules (nightly for everyone; on staff changes for some)."""
    from dataclasses import asdict

    from lms.services import rules_apply

    return asdict(rules_apply(user_ids=user_ids))


@shared_task(
    acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3
)
def learning_reminders_send_due() -> int:
    """Send due reminders (daily); exactly once per enrolment, cycle and kind."""
    from lms.services import reminders_send_due

    return reminders_send_due()


@shared_task(
    acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3
)
def learning_completion_evaluate(*, user_id: int) -> list[int]:
    """Re-check a person's course completion (after a sandbox run finished)."""
    from lms.services import course_completion_evaluate

    return course_completion_evaluate(user_id=user_id)


@shared_task(acks_late=True)
def learning_events_delete_expired() -> int:
    """Delete learning events past their retention period (daily)."""
    from lms.services import learning_events_delete_expired as delete_expired

    return delete_expired()
