"""Celery entry points of the learning core.

Tasks take ids and plain values (never names or message text), import their
service inside the body (services import this module at their top) and are
idempotent: a retried or repeated task changes nothing twice.
"""

from dataclasses import asdict

from celery import shared_task


@shared_task(
    autoretry_for=(OSError,), retry_backoff=True, max_retries=5, acks_late=True
)
def notification_email_send(*, notification_id: int) -> bool:
    """E-mail one stored notification (once: a retried task sends nothing twice)."""
    from lms.services.notifications import notification_email_deliver

    return notification_email_deliver(notification_id=notification_id)


@shared_task(
    autoretry_for=(OSError,), retry_backoff=True, max_retries=5, acks_late=True
)
def password_reset_email_send(
    *, user_id: int, language: str, base_url: str | None = None
) -> bool:
    """E-mail a person a password reset link, built here rather than in the broker."""
    from lms.services.accounts import password_reset_email_deliver

    return password_reset_email_deliver(
        user_id=user_id, language=language, base_url=base_url
    )


@shared_task(
    acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3
)
def learning_rules_apply(*, user_ids: list[int] | None = None) -> dict:
    """Apply the assignment rules (nightly for everyone; on staff changes for some)."""
    from lms.services.rules import rules_apply

    return asdict(rules_apply(user_ids=user_ids))


@shared_task(
    acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3
)
def learning_reminders_send_due() -> int:
    """Send due reminders (daily); exactly once per enrolment, cycle and kind."""
    from lms.services.reminders import reminders_send_due

    return reminders_send_due()


# Queued at the end of every passed sandbox run: no result kept (as
# analytics.tasks.readiness_evidence_record).
@shared_task(
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
    ignore_result=True,
)
def learning_completion_evaluate(*, user_id: int) -> list[int]:
    """Re-check a person's course completion (after a sandbox run finished)."""
    from lms.services.completion import course_completion_evaluate

    return course_completion_evaluate(user_id=user_id)


@shared_task(acks_late=True)
def learning_events_delete_expired() -> int:
    """Delete learning events past their retention period (daily)."""
    from lms.services.events import learning_events_delete_expired as delete_expired

    return delete_expired()


@shared_task(acks_late=True)
def staff_import_run(*, job_id: int) -> str:
    """Check and save one uploaded staff file; a finished job is left alone."""
    from lms.services.staff_import import staff_import_job_run

    return staff_import_job_run(job_id=job_id)


@shared_task(
    autoretry_for=(OSError,), retry_backoff=True, max_retries=5, acks_late=True
)
def staff_invitations_send(*, user_ids: list[int], base_url: str | None = None) -> int:
    """E-mail imported people the link to set their password; returns how many."""
    from lms.services.invitations import staff_invitation_deliver

    return sum(
        staff_invitation_deliver(user_id=user_id, base_url=base_url)
        for user_id in user_ids
    )


@shared_task(
    acks_late=True, autoretry_for=(Exception,), retry_backoff=60, max_retries=3
)
def directory_accounts_check() -> dict:
    """Lock, mark as left or unlock LDAP-linked accounts as the directory says."""
    from lms.services.directory import directory_accounts_check as check

    return check()


@shared_task(acks_late=True)
def persons_erase_expired() -> int:
    """Erase leavers whose retention period has passed (daily)."""
    from lms.services.erasure import persons_erase_expired as erase_expired

    return erase_expired()
